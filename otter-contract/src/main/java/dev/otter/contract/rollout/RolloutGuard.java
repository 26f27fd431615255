package dev.otter.contract.rollout;

import java.util.List;

/**
 * What telemetry needs to guard an active rollout, published by rollout-service next to the
 * snapshots: its variants and baseline, and when to roll back — the target's crash rate (FATAL
 * errors per session) over {@code windowSeconds} clearly above {@code crashRateThreshold}, or above
 * the baseline's rate by {@code baselineMargin}, once it has {@code minSessions} sessions.
 */
public record RolloutGuard(
        String rolloutId,
        String family,
        String channel,
        String status,
        String baselineVersion,
        List<Variant> variants,
        double crashRateThreshold,
        int minSessions,
        long windowSeconds,
        double baselineMargin) {

    public RolloutGuard {
        variants = List.copyOf(variants);
    }
}
