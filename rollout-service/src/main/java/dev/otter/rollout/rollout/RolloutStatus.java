package dev.otter.rollout.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a rollout. Transitions (anything else is {@code ILLEGAL_TRANSITION}, 409):
 *
 * <pre>
 * DRAFT    → RUNNING                  start: at most one RUNNING/PAUSED rollout per family and channel
 * RUNNING  → PAUSED                   pause: nobody new gets the target; devices on it keep it
 * PAUSED   → RUNNING                  resume
 * RUNNING  → COMPLETED | ROLLED_BACK  complete: the (winning) target becomes the channel default
 * PAUSED   → COMPLETED | ROLLED_BACK  roll back: devices on the target are sent back to the baseline
 * COMPLETED, ROLLED_BACK → (none)     final
 * </pre>
 */
public enum RolloutStatus {
    DRAFT,
    RUNNING,
    PAUSED,
    COMPLETED,
    ROLLED_BACK;

    /** The statuses this one may move to. */
    public Set<RolloutStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(RUNNING);
            case RUNNING -> EnumSet.of(PAUSED, COMPLETED, ROLLED_BACK);
            case PAUSED -> EnumSet.of(RUNNING, COMPLETED, ROLLED_BACK);
            case COMPLETED, ROLLED_BACK -> EnumSet.noneOf(RolloutStatus.class);
        };
    }

    public boolean canMoveTo(RolloutStatus target) {
        return next().contains(target);
    }

    /** RUNNING or PAUSED: it decides for devices and blocks another rollout on its family and channel. */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }

    /** Whether rules and stages may still be edited. */
    public boolean isEditable() {
        return this == DRAFT || isActive();
    }
}
