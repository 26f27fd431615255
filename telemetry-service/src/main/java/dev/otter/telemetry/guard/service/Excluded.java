package dev.otter.telemetry.guard.service;

import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.SegmentDimension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The segments a rollout already excluded, left out of its figures: an excluded region's cells are
 * dropped; an excluded segment of another dimension is subtracted from the variant (its devices are
 * spread over the regions). Two excluded segments of different dimensions that share devices are
 * subtracted twice; the result never goes below zero.
 */
final class Excluded {
    static final Excluded NONE = new Excluded(List.of());

    /**
     * How long after an exclusion its devices may still report on a variant: the longest watch
     * interval (4 min) for them to hear of it, and a minute for their last reports.
     */
    static final Duration SETTLE = Duration.ofMinutes(5);

    private final Set<String> keys;
    private final Instant latest;

    Excluded(List<ExcludedSegment> segments) {
        keys = segments.stream().map(x -> key(x.dimension(), x.value())).collect(Collectors.toUnmodifiableSet());
        latest = segments.stream()
                .map(ExcludedSegment::excludedAt)
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    /**
     * Of a series of {@code minutes} ending now, how many of the last ones came after the latest
     * exclusion settled (all of them without one): the minutes segments are judged on.
     */
    int freshMinutes(int minutes, Instant now) {
        if (latest == null) {
            return minutes;
        }
        long since = Duration.between(latest.plus(SETTLE), now).toMinutes();
        return (int) Math.max(0, Math.min(minutes, since));
    }

    boolean contains(SegmentDimension dimension, String value) {
        return dimension != null && keys.contains(key(dimension, value));
    }

    /** A variant's totals: its regions not excluded, less its excluded segments of other dimensions. */
    Map<String, Long> totals(List<WindowCounts.Cell> mine) {
        Map<String, Long> totals = new HashMap<>();
        for (WindowCounts.Cell c : mine) {
            boolean out = contains(c.dimension(), c.value());
            if (c.isRegion() && !out || !c.isRegion() && out) {
                int sign = c.isRegion() ? 1 : -1;
                c.metrics().forEach((m, n) -> totals.merge(m, sign * n, Long::sum));
            }
        }
        totals.replaceAll((m, n) -> Math.max(0, n));
        return totals;
    }

    /** A variant's per-minute counts the same way, from its series per segment (or already summed). */
    WindowCounts.Series minutes(String variant, String version, List<WindowCounts.Series> mine) {
        int n = mine.isEmpty() ? 0 : mine.get(0).minutes();
        WindowCounts.Series out = WindowCounts.Series.empty(variant, version, null, WindowCounts.ALL_REGIONS, n);
        for (WindowCounts.Series s : mine) {
            boolean region = s.dimension() == null || s.dimension() == SegmentDimension.REGION;
            boolean excluded = contains(s.dimension(), s.value());
            if (region && !excluded || !region && excluded) {
                out = out.plus(s, region ? 1 : -1, WindowCounts.ALL_REGIONS);
            }
        }
        return out.atLeastZero();
    }

    /** {@code a} less {@code b}, metric by metric, never below zero. */
    static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new HashMap<>(a);
        b.forEach((m, n) -> out.merge(m, -n, Long::sum));
        out.replaceAll((m, n) -> Math.max(0, n));
        return out;
    }

    private static String key(SegmentDimension dimension, String value) {
        return dimension.name() + "=" + dimension.normalise(value);
    }
}
