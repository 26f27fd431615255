package dev.otter.rollout.rollout.api;

import java.time.Instant;

/**
 * A release watch as operators see it: which version replaced which on a family's channel, why, the
 * guard it is judged with (as a rollout's guard is shown), and how the watch ended (passed, reverted by the guard, superseded).
 */
public record ReleaseWatchView(
        String id,
        String family,
        String channel,
        String version,
        String previousVersion,
        String cause,
        String status,
        GuardDto guard,
        Instant startedAt,
        String startedBy,
        Instant endsAt,
        Instant endedAt,
        String endReason) {}
