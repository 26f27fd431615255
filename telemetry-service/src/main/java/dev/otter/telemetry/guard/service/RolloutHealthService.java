package dev.otter.telemetry.guard.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.RolloutGuard;
import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.contract.rollout.SignalGuard;
import dev.otter.contract.rollout.Variant;
import dev.otter.contract.telemetry.Verdict;
import dev.otter.support.error.ApiException;
import dev.otter.telemetry.config.TelemetryConfig;
import dev.otter.telemetry.guard.api.RolloutHealthView;
import dev.otter.telemetry.ingest.TelemetryError;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Computes a rollout's health from the live counts and the guard rollout-service published. */
@ApplicationScoped
public class RolloutHealthService {
    // When a rollout is not (or no longer) guarded: the defaults every rollout starts from.
    private static final GuardSettings DEFAULTS = GuardSettings.DEFAULT;

    /** The variant name a release watch's version is shown (and triggered) under. */
    public static final String WATCHED = "release";

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final WindowCounts counts;
    private final ObjectMapper json;
    private final double z;
    private final SignalJudge judge;
    private final int maxSegments;
    private final long lookbackSeconds;

    public RolloutHealthService(
            ReactiveRedisDataSource redis,
            RedisKeys keys,
            WindowCounts counts,
            ObjectMapper json,
            TelemetryConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.counts = counts;
        this.json = json;
        this.z = config.guard().z();
        TelemetryConfig.Guard guard = config.guard();
        this.judge = new SignalJudge(
                new SequentialGuard(guard.falseAlarmRate(), guard.horizon(), guard.lookback()),
                config.guard().z());
        this.maxSegments = guard.maxSegments();
        this.lookbackSeconds = guard.lookback().toSeconds();
    }

    /** The published guard of an active rollout, or null. */
    public Uni<RolloutGuard> guard(String rolloutId) {
        return redis.hash(String.class).hget(keys.rolloutGuards(), rolloutId).map(body -> {
            try {
                return body == null ? null : json.readValue(body, RolloutGuard.class);
            } catch (Exception e) {
                throw new IllegalStateException("unreadable guard of " + rolloutId, e);
            }
        });
    }

    public Uni<RolloutHealthView> health(String rolloutId) {
        return guard(rolloutId).chain(guard -> guard == null ? unguarded(rolloutId) : health(guard));
    }

    /** A guarded rollout's health, its segments judged too (the operator's view). */
    public Uni<RolloutHealthView> health(RolloutGuard g) {
        return health(g, true);
    }

    /**
     * A guarded rollout's health; {@code withSegments}: each variant's segments (regions, platforms,
     * device classes, OS ranges) judged too (with the correction for testing up to {@code
     * max-segments} at once), and the rest without each breached one. Excluded segments are left out
     * of every figure.
     */
    public Uni<RolloutHealthView> health(RolloutGuard g, boolean withSegments) {
        Excluded excluded = new Excluded(g.excludedSegments());
        boolean bySegment = withSegments || !g.excludedSegments().isEmpty();
        Uni<Map<String, Long>> base = counts.version(g.family(), g.baselineVersion(), g.windowSeconds());
        return Uni.combine()
                .all()
                .unis(
                        counts.rollout(g.rolloutId(), g.windowSeconds(), bySegment),
                        base,
                        counts.rolloutSeries(g.rolloutId(), lookbackSeconds, bySegment))
                .with((allCells, totals, allSeries) -> {
                    List<RolloutHealthView.VariantHealth> variants = new ArrayList<>();
                    for (Variant v : g.variants()) {
                        if (!v.version().equals(g.baselineVersion())) {
                            variants.add(variant(
                                    v.name(),
                                    v.version(),
                                    allCells,
                                    allSeries,
                                    totals,
                                    g.signals(),
                                    g.minSessions(),
                                    withSegments,
                                    excluded));
                        }
                    }
                    return view(
                            g.rolloutId(),
                            true,
                            g.windowSeconds(),
                            g.crashRateThreshold(),
                            g.minSessions(),
                            g.baselineMargin(),
                            baseline(g.baselineVersion(), totals),
                            variants);
                });
    }

    /** The published release watch, or null once it ended. */
    public Uni<ReleaseWatch> watch(String watchId) {
        return redis.hash(String.class).hget(keys.releaseWatches(), watchId).map(body -> {
            try {
                return body == null ? null : json.readValue(body, ReleaseWatch.class);
            } catch (Exception e) {
                throw new IllegalStateException("unreadable release watch " + watchId, e);
            }
        });
    }

    public Uni<RolloutHealthView> watchHealth(String watchId) {
        return watch(watchId)
                .onItem()
                .ifNull()
                .failWith(() ->
                        new ApiException(TelemetryError.RELEASE_WATCH_NOT_FOUND, "no open release watch " + watchId))
                .chain(this::health);
    }

    /**
     * A release watch's health: its version's counts outside rollouts, judged as one variant
     * ({@link #WATCHED}) against the version it replaced, over the minutes since the watch began.
     */
    public Uni<RolloutHealthView> health(ReleaseWatch w) {
        GuardSettings g = w.guard();
        long sinceStart =
                Math.max(60, Instant.now().getEpochSecond() - w.startedAt().getEpochSecond() + 60);
        return Uni.combine()
                .all()
                .unis(
                        counts.versionCells(w.family(), w.version(), g.windowSeconds(), WATCHED),
                        counts.version(w.family(), w.previousVersion(), g.windowSeconds()),
                        counts.versionSeries(w.family(), w.version(), Math.min(lookbackSeconds, sinceStart), WATCHED))
                .with((cells, totals, series) -> view(
                        w.id(),
                        true,
                        g.windowSeconds(),
                        g.crashRateThreshold(),
                        g.minSessions(),
                        g.baselineMargin(),
                        baseline(w.previousVersion(), totals),
                        List.of(variant(
                                WATCHED, w.version(), cells, List.of(series), totals, g.signals(), g.minSessions()))));
    }

    private static RolloutHealthView.Baseline baseline(String version, Map<String, Long> totals) {
        long sessions = totals.getOrDefault("sessions", 0L);
        long crashes = totals.getOrDefault("fatal", 0L);
        return new RolloutHealthView.Baseline(version, sessions, crashes, rate(crashes, sessions));
    }

    private Uni<RolloutHealthView> unguarded(String rolloutId) {
        return Uni.combine()
                .all()
                .unis(
                        counts.rollout(rolloutId, DEFAULTS.windowSeconds()),
                        counts.rolloutSeries(rolloutId, lookbackSeconds))
                .with((cells, series) -> {
                    Map<String, String> variantVersions = new LinkedHashMap<>();
                    cells.forEach(c -> variantVersions.putIfAbsent(c.variant(), c.version()));
                    List<RolloutHealthView.VariantHealth> variants = variantVersions.entrySet().stream()
                            .map(e -> variant(
                                    e.getKey(),
                                    e.getValue(),
                                    cells,
                                    series,
                                    Map.<String, Long>of(),
                                    DEFAULTS.signals(),
                                    DEFAULTS.minSessions()))
                            .toList();
                    return view(
                            rolloutId,
                            false,
                            DEFAULTS.windowSeconds(),
                            DEFAULTS.crashRateThreshold(),
                            DEFAULTS.minSessions(),
                            DEFAULTS.baselineMargin(),
                            null,
                            variants);
                });
    }

    private RolloutHealthView.VariantHealth variant(
            String name,
            String version,
            List<WindowCounts.Cell> cells,
            List<WindowCounts.Series> series,
            Map<String, Long> baselineTotals,
            List<SignalGuard> signals,
            int minSessions) {
        return variant(name, version, cells, series, baselineTotals, signals, minSessions, false, Excluded.NONE);
    }

    // series: the variant's summed over regions, or one per segment (its regions then summed here).
    private RolloutHealthView.VariantHealth variant(
            String name,
            String version,
            List<WindowCounts.Cell> cells,
            List<WindowCounts.Series> series,
            Map<String, Long> baselineTotals,
            List<SignalGuard> signals,
            int minSessions,
            boolean withSegments,
            Excluded excluded) {
        List<WindowCounts.Cell> mine = cells.stream()
                .filter(c -> c.variant().equals(name) && c.version().equals(version))
                .toList();
        Map<String, Long> totals = excluded.totals(mine);
        List<WindowCounts.Series> myMinutes = series.stream()
                .filter(s -> s.variant().equals(name) && s.version().equals(version))
                .toList();
        WindowCounts.Series minutes = excluded.minutes(name, version, myMinutes);
        List<WindowCounts.Cell> candidates = mine.stream()
                .filter(c -> !excluded.contains(c.dimension(), c.value()))
                .toList();
        SignalJudge.Judged judged =
                judge.judge(totals, minutes, baselineTotals, signals, minSessions, judge.boundary(signals, 1));
        RolloutHealthView.SignalHealth crash = judged.crash();
        RolloutHealthView.SignalHealth decisive = judged.decisive();
        return new RolloutHealthView.VariantHealth(
                name,
                version,
                crash.trials(),
                crash.events(),
                crash.rate(),
                crash.lowerBound(),
                crash.upperBound(),
                judged.verdict(),
                decisive == null ? "no enforced signal has enough data yet" : decisive.reason(),
                (decisive == null ? crash : decisive).signal(),
                (decisive == null ? crash : decisive).evidence(),
                judged.signals(),
                regions(candidates.stream().filter(WindowCounts.Cell::isRegion).toList()),
                withSegments
                        ? segments(
                                candidates,
                                totals,
                                minutes,
                                myMinutes,
                                baselineTotals,
                                signals,
                                minSessions,
                                excluded.freshMinutes(minutes.minutes(), Instant.now()))
                        : List.of());
    }

    /**
     * The variant's segments of every dimension with the most sessions (at most {@code
     * max-segments}), each judged alone with the boundary of that many tests at once; a breached one
     * also with the rest of the variant without it (the ordinary boundary). The sequential test sees
     * only the last {@code fresh} minutes: after an exclusion, the segments of other dimensions still
     * hold the excluded devices' counts, which must not exclude them in turn.
     */
    private List<RolloutHealthView.SegmentHealth> segments(
            List<WindowCounts.Cell> mine,
            Map<String, Long> totals,
            WindowCounts.Series minutes,
            List<WindowCounts.Series> bySegment,
            Map<String, Long> baselineTotals,
            List<SignalGuard> signals,
            int minSessions,
            int fresh) {
        Map<Segment, List<WindowCounts.Cell>> cellsBySegment = new TreeMap<>();
        WindowCounts.Series freshMinutes = minutes.lastMinutes(fresh);
        mine.forEach(c -> cellsBySegment
                .computeIfAbsent(new Segment(c.dimension(), c.value()), r -> new ArrayList<>())
                .add(c));
        double segmentBoundary = judge.boundary(signals, maxSegments);
        double restBoundary = judge.boundary(signals, 1);
        return cellsBySegment.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Segment, List<WindowCounts.Cell>> e) ->
                                -totals(e.getValue()).getOrDefault("sessions", 0L))
                        .thenComparing(Map.Entry::getKey))
                .limit(maxSegments)
                .map(e -> {
                    Segment seg = e.getKey();
                    Map<String, Long> segmentTotals = totals(e.getValue());
                    WindowCounts.Series segmentMinutes = bySegment.stream()
                            .filter(s -> s.is(seg.dimension(), seg.value()))
                            .findFirst()
                            .orElse(WindowCounts.Series.empty(
                                    minutes.variant(),
                                    minutes.version(),
                                    seg.dimension(),
                                    seg.value(),
                                    minutes.minutes()))
                            .lastMinutes(fresh);
                    SignalJudge.Judged segment = judge.judge(
                            segmentTotals, segmentMinutes, baselineTotals, signals, minSessions, segmentBoundary);
                    Verdict rest = null;
                    if (segment.verdict() == Verdict.UNHEALTHY) {
                        rest = judge.judge(
                                        Excluded.minus(totals, segmentTotals),
                                        freshMinutes
                                                .plus(segmentMinutes, -1, "rest")
                                                .atLeastZero(),
                                        baselineTotals,
                                        signals,
                                        minSessions,
                                        restBoundary)
                                .verdict();
                    }
                    RolloutHealthView.SignalHealth d =
                            segment.decisive() == null ? segment.crash() : segment.decisive();
                    return new RolloutHealthView.SegmentHealth(
                            seg.dimension().name(),
                            seg.value(),
                            segment.crash().trials(),
                            segment.crash().events(),
                            segment.verdict(),
                            segment.decisive() == null ? "no enforced signal has enough data yet" : d.reason(),
                            d.signal(),
                            d.evidence(),
                            rest);
                })
                .toList();
    }

    /** One segment: a dimension and a value, ordered by dimension then value. */
    private record Segment(SegmentDimension dimension, String value) implements Comparable<Segment> {
        @Override
        public int compareTo(Segment o) {
            int d = dimension.compareTo(o.dimension);
            return d != 0 ? d : value.compareTo(o.value);
        }
    }

    private static Map<String, Long> totals(List<WindowCounts.Cell> cells) {
        Map<String, Long> totals = new HashMap<>();
        cells.forEach(c -> c.metrics().forEach((metric, n) -> totals.merge(metric, n, Long::sum)));
        return totals;
    }

    private List<RolloutHealthView.RegionHealth> regions(List<WindowCounts.Cell> mine) {
        Map<String, long[]> byRegion = new TreeMap<>();
        mine.forEach(c -> {
            long[] sc = byRegion.computeIfAbsent(c.value(), r -> new long[2]);
            sc[0] += c.get("sessions");
            sc[1] += c.get("fatal");
        });
        return byRegion.entrySet().stream()
                .map(e -> {
                    GuardMath.Interval r = GuardMath.wilson(e.getValue()[1], e.getValue()[0], z);
                    return new RolloutHealthView.RegionHealth(
                            e.getKey(),
                            e.getValue()[0],
                            e.getValue()[1],
                            rate(e.getValue()[1], e.getValue()[0]),
                            r.lower(),
                            r.upper());
                })
                .toList();
    }

    private static RolloutHealthView view(
            String rolloutId,
            boolean guarded,
            long window,
            double threshold,
            int minSessions,
            double margin,
            RolloutHealthView.Baseline baseline,
            List<RolloutHealthView.VariantHealth> variants) {
        // The rollout's verdict is its worst variant's; without variants there is nothing to judge yet.
        Verdict overall = variants.stream()
                .map(RolloutHealthView.VariantHealth::verdict)
                .reduce(Verdict::worse)
                .orElse(Verdict.INSUFFICIENT_DATA);
        String summary = variants.isEmpty()
                ? "no events yet"
                : variants.stream().map(v -> v.variant() + ": " + v.reason()).collect(Collectors.joining("; "));
        return new RolloutHealthView(
                rolloutId,
                guarded,
                window,
                overall,
                summary,
                new RolloutHealthView.Settings(threshold, minSessions, margin),
                baseline,
                variants);
    }

    private static double rate(long events, long sessions) {
        return sessions == 0 ? 0 : (double) events / sessions;
    }
}
