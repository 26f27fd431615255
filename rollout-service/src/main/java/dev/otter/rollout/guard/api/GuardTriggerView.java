package dev.otter.rollout.guard.api;

import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.rollout.guard.GuardTriggerOutcome;
import java.time.Instant;

/** A rollback demand from telemetry, what became of it, and its evidence (every signal as judged then). */
public record GuardTriggerView(
        String triggerId,
        Instant receivedAt,
        GuardTriggerOutcome outcome,
        String detail,
        GuardTrigger.Evidence evidence) {}
