package dev.otter.telemetry.guard.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.RolloutGuard;
import dev.otter.contract.rollout.Variant;
import dev.otter.contract.telemetry.Verdict;
import dev.otter.telemetry.config.TelemetryConfig;
import dev.otter.telemetry.guard.api.RolloutHealthView;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Computes a rollout's health from the live counts and the guard rollout-service published. */
@ApplicationScoped
public class RolloutHealthService {
    // When a rollout is not (or no longer) guarded: the defaults every rollout starts from.
    private static final GuardSettings DEFAULTS = GuardSettings.DEFAULT;

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final WindowCounts counts;
    private final ObjectMapper json;
    private final double z;
    private final SequentialGuard sequential;
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
        this.sequential = new SequentialGuard(guard.falseAlarmRate(), guard.horizon(), guard.lookback());
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

    public Uni<RolloutHealthView> health(RolloutGuard g) {
        Uni<Map<String, Long>> base = counts.version(g.family(), g.baselineVersion(), g.windowSeconds());
        return Uni.combine()
                .all()
                .unis(
                        counts.rollout(g.rolloutId(), g.windowSeconds()),
                        base,
                        counts.rolloutSeries(g.rolloutId(), lookbackSeconds))
                .with((cells, totals, series) -> {
                    RolloutHealthView.Baseline baseline = new RolloutHealthView.Baseline(
                            g.baselineVersion(),
                            totals.getOrDefault("sessions", 0L),
                            totals.getOrDefault("fatal", 0L),
                            rate(totals.getOrDefault("fatal", 0L), totals.getOrDefault("sessions", 0L)));
                    List<RolloutHealthView.VariantHealth> variants = new ArrayList<>();
                    for (Variant v : g.variants()) {
                        if (!v.version().equals(g.baselineVersion())) {
                            variants.add(variant(
                                    v.name(),
                                    v.version(),
                                    cells,
                                    series,
                                    baseline,
                                    g.crashRateThreshold(),
                                    g.minSessions(),
                                    g.baselineMargin()));
                        }
                    }
                    return view(
                            g.rolloutId(),
                            true,
                            g.windowSeconds(),
                            g.crashRateThreshold(),
                            g.minSessions(),
                            g.baselineMargin(),
                            baseline,
                            variants);
                });
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
                                    null,
                                    DEFAULTS.crashRateThreshold(),
                                    DEFAULTS.minSessions(),
                                    DEFAULTS.baselineMargin()))
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
            RolloutHealthView.Baseline baseline,
            double threshold,
            int minSessions,
            double margin) {
        List<WindowCounts.Cell> mine = cells.stream()
                .filter(c -> c.variant().equals(name) && c.version().equals(version))
                .toList();
        long sessions = mine.stream().mapToLong(c -> c.get("sessions")).sum();
        long crashes = mine.stream().mapToLong(c -> c.get("fatal")).sum();
        GuardMath.Interval i = GuardMath.wilson(crashes, sessions, z);
        GuardMath.Judgement j = GuardMath.judge(
                sessions,
                crashes,
                baseline == null ? 0 : baseline.sessions(),
                baseline == null ? 0 : baseline.crashes(),
                threshold,
                minSessions,
                margin,
                z,
                sequential(name, version, series, baseline, threshold, minSessions, margin));
        Map<String, long[]> byRegion = new java.util.TreeMap<>();
        mine.forEach(c -> {
            long[] sc = byRegion.computeIfAbsent(c.region(), r -> new long[2]);
            sc[0] += c.get("sessions");
            sc[1] += c.get("fatal");
        });
        List<RolloutHealthView.RegionHealth> regions = byRegion.entrySet().stream()
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
        return new RolloutHealthView.VariantHealth(
                name,
                version,
                sessions,
                crashes,
                rate(crashes, sessions),
                i.lower(),
                i.upper(),
                j.verdict(),
                j.reason(),
                new RolloutHealthView.Evidence(
                        j.finding().statistic(),
                        sequential.boundary(),
                        j.reference(),
                        j.finding().sessions(),
                        j.finding().events(),
                        j.finding().minutes()),
                regions);
    }

    private GuardMath.Sequential sequential(
            String name,
            String version,
            List<WindowCounts.Series> series,
            RolloutHealthView.Baseline baseline,
            double threshold,
            int minSessions,
            double margin) {
        WindowCounts.Series mine = series.stream()
                .filter(s -> s.variant().equals(name) && s.version().equals(version))
                .findFirst()
                .orElse(new WindowCounts.Series(name, version, new long[0], new long[0]));
        return GuardMath.sequential(
                sequential,
                mine.sessions(),
                mine.crashes(),
                baseline == null ? 0 : baseline.sessions(),
                baseline == null ? 0 : baseline.crashes(),
                threshold,
                minSessions,
                margin,
                z);
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
