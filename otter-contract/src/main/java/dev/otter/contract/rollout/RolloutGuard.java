package dev.otter.contract.rollout;

import java.util.List;

/**
 * What telemetry needs to guard an active rollout, published by rollout-service next to the
 * snapshots: its variants and baseline, and when to roll back — the target's crash rate (FATAL
 * errors per session) over {@code windowSeconds} clearly above {@code crashRateThreshold}, or above
 * the baseline's rate by {@code baselineMargin}, once it has {@code minSessions} sessions — and the
 * same for every signal in {@code signals} that is enforced (docs/guard.md). With {@code
 * excludeSegments}, a breach confined to one segment (a region, platform, device class or OS
 * range) excludes the segment instead; {@code excludedSegments} are those already excluded (their
 * counts no longer judged), {@code excludedRegions} the region ones again, for readers from before
 * other dimensions existed (a guard from such a publisher has only them).
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
        double baselineMargin,
        List<SignalGuard> signals,
        boolean excludeSegments,
        List<String> excludedRegions,
        List<ExcludedSegment> excludedSegments) {

    /** Signals completed with defaults (a guard published before signals existed has none). */
    public RolloutGuard {
        variants = List.copyOf(variants);
        signals = SignalGuard.complete(signals, crashRateThreshold, baselineMargin);
        excludedRegions = excludedRegions == null ? List.of() : List.copyOf(excludedRegions);
        excludedSegments = excludedSegments == null
                ? excludedRegions.stream()
                        .map(r -> new ExcludedSegment(SegmentDimension.REGION, r, null, null))
                        .toList()
                : List.copyOf(excludedSegments);
    }

    /** A guard whose excluded segments are all regions. */
    public RolloutGuard(
            String rolloutId,
            String family,
            String channel,
            String status,
            String baselineVersion,
            List<Variant> variants,
            double crashRateThreshold,
            int minSessions,
            long windowSeconds,
            double baselineMargin,
            List<SignalGuard> signals,
            boolean excludeSegments,
            List<String> excludedRegions) {
        this(
                rolloutId,
                family,
                channel,
                status,
                baselineVersion,
                variants,
                crashRateThreshold,
                minSessions,
                windowSeconds,
                baselineMargin,
                signals,
                excludeSegments,
                excludedRegions,
                null);
    }

    /** A guard that rolls everything back on any breach. */
    public RolloutGuard(
            String rolloutId,
            String family,
            String channel,
            String status,
            String baselineVersion,
            List<Variant> variants,
            double crashRateThreshold,
            int minSessions,
            long windowSeconds,
            double baselineMargin,
            List<SignalGuard> signals) {
        this(
                rolloutId,
                family,
                channel,
                status,
                baselineVersion,
                variants,
                crashRateThreshold,
                minSessions,
                windowSeconds,
                baselineMargin,
                signals,
                false,
                List.of(),
                List.of());
    }
}
