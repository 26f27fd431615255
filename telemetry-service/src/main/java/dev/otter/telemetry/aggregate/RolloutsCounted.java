package dev.otter.telemetry.aggregate;

import java.util.Set;

/**
 * Fired (as a CDI event) after a Kafka record's events were counted: the rollouts whose counts
 * changed, and the families whose counts outside rollouts changed (release watches judge those). The
 * guard listens, so counting never needs to know about the guard.
 */
public record RolloutsCounted(Set<String> rolloutIds, Set<String> families) {
    public RolloutsCounted {
        rolloutIds = Set.copyOf(rolloutIds);
        families = Set.copyOf(families);
    }
}
