package dev.otter.contract.rollout;

import java.time.Instant;
import java.util.List;

/**
 * A rollout that was rolled back: devices on one of its {@code versions} are sent back to the
 * channel's current target, with {@code reason}.
 */
public record RolledBackRollout(
        String id, String baselineVersion, List<String> versions, String reason, Instant rolledBackAt) {

    public RolledBackRollout {
        versions = List.copyOf(versions);
    }
}
