package dev.otter.contract.rollout;

import java.time.Instant;

/**
 * A version that reached a channel's devices without a rollout — its default pinned or changed by
 * hand, set by a completed rollout, or (no default) published as the newest — watched by telemetry's guard until {@code endsAt} against
 * the version it replaced ({@code previousVersion}), with the same signals and test as a rollout.
 * Published by rollout-service while it watches; a breach sends a {@code GuardTrigger} naming
 * {@code id}, and rollout-service puts the default back to {@code previousVersion}.
 */
public record ReleaseWatch(
        String id,
        String family,
        String channel,
        String version,
        String previousVersion,
        Cause cause,
        Instant startedAt,
        Instant endsAt,
        GuardSettings guard) {

    /** Why the version started reaching devices. */
    public enum Cause {
        /** An operator pinned the channel's default to it. */
        PINNED,
        /** A rollout completed with it as the winner. */
        COMPLETED,
        /** A channel without a default: it was published and became the newest, what devices get. */
        NEWEST_PUBLISHED
    }

    public ReleaseWatch {
        guard = guard == null ? GuardSettings.DEFAULT : guard;
    }
}
