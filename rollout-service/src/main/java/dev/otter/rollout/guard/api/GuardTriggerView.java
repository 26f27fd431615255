package dev.otter.rollout.guard.api;

import dev.otter.rollout.guard.GuardTriggerOutcome;
import java.time.Instant;

/** A rollback demand from telemetry and what became of it. */
public record GuardTriggerView(String triggerId, Instant receivedAt, GuardTriggerOutcome outcome, String detail) {}
