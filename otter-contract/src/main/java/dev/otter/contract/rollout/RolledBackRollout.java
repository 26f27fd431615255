package dev.otter.contract.rollout;

import java.time.Instant;
import java.util.List;

/**
 * A rollout that was rolled back, or a release watch that reverted its channel's default: devices on
 * one of its {@code versions} are sent back to the channel's current target, with {@code reason}.
 */
public record RolledBackRollout(
        String id, String baselineVersion, List<String> versions, String reason, Instant rolledBackAt, Kind kind) {

    /** What was taken back: a rollout, or a version that reached devices without one (a release watch). */
    public enum Kind {
        ROLLOUT,
        RELEASE_WATCH
    }

    /** A snapshot written before watches existed has no kind: it is a rollout. */
    public RolledBackRollout {
        versions = List.copyOf(versions);
        kind = kind == null ? Kind.ROLLOUT : kind;
    }

    /** A rolled-back rollout. */
    public RolledBackRollout(
            String id, String baselineVersion, List<String> versions, String reason, Instant rolledBackAt) {
        this(id, baselineVersion, versions, reason, rolledBackAt, Kind.ROLLOUT);
    }

    /** What a device on one of the versions is told (without where to go). */
    public String describe() {
        return kind == Kind.RELEASE_WATCH
                ? "release watch " + id + " reverted " + String.join(", ", versions) + ": " + reason
                : "rollout " + id + " was rolled back: " + reason;
    }
}
