package dev.otter.rollout.guard;

/** What became of one rollback demand from telemetry's guard. */
public enum GuardTriggerOutcome {
    /** It rolled the rollout back. */
    APPLIED,
    /** The rollout was no longer active (already rolled back, completed, or unknown). */
    IGNORED,
    /** This trigger id was handled before (a redelivery); nothing is recorded again. */
    DUPLICATE
}
