package dev.otter.telemetry.guard.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.GuardMode;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.GuardSignal;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.RolloutGuard;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
                                    v.name(), v.version(), cells, series, totals, g.signals(), g.minSessions()));
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
        List<WindowCounts.Cell> mine = cells.stream()
                .filter(c -> c.variant().equals(name) && c.version().equals(version))
                .toList();
        Map<String, Long> totals = new HashMap<>();
        mine.forEach(c -> c.metrics().forEach((metric, n) -> totals.merge(metric, n, Long::sum)));
        WindowCounts.Series minutes = series.stream()
                .filter(s -> s.variant().equals(name) && s.version().equals(version))
                .findFirst()
                .orElse(new WindowCounts.Series(name, version, 0, Map.of()));
        int enforced = (int)
                signals.stream().filter(s -> s.mode() == GuardMode.ENFORCE).count();
        double boundary = sequential.boundary(enforced);
        List<RolloutHealthView.SignalHealth> judged = signals.stream()
                .map(s -> signal(s, totals, minutes, baselineTotals, boundary, minSessions))
                .toList();
        RolloutHealthView.SignalHealth crash = judged.get(GuardSignal.CRASH.ordinal());
        RolloutHealthView.SignalHealth decisive = decisive(signals, judged);
        return new RolloutHealthView.VariantHealth(
                name,
                version,
                crash.trials(),
                crash.events(),
                crash.rate(),
                crash.lowerBound(),
                crash.upperBound(),
                decisive == null ? Verdict.INSUFFICIENT_DATA : decisive.verdict(),
                decisive == null ? "no enforced signal has enough data yet" : decisive.reason(),
                (decisive == null ? crash : decisive).signal(),
                (decisive == null ? crash : decisive).evidence(),
                judged,
                regions(mine));
    }

    // The variant's verdict is its worst enforced signal's; a signal other than the crash rate
    // without enough data yet (few devices switched or reported resources) does not hold it back.
    private static RolloutHealthView.SignalHealth decisive(
            List<SignalGuard> signals, List<RolloutHealthView.SignalHealth> judged) {
        RolloutHealthView.SignalHealth worst = null;
        for (int k = 0; k < signals.size(); k++) {
            RolloutHealthView.SignalHealth h = judged.get(k);
            boolean counts = signals.get(k).mode() == GuardMode.ENFORCE
                    && (signals.get(k).signal() == GuardSignal.CRASH || h.verdict() != Verdict.INSUFFICIENT_DATA);
            if (counts
                    && (worst == null || h.verdict().ordinal() < worst.verdict().ordinal())) {
                worst = h;
            }
        }
        return worst;
    }

    private RolloutHealthView.SignalHealth signal(
            SignalGuard guard,
            Map<String, Long> totals,
            WindowCounts.Series minutes,
            Map<String, Long> baselineTotals,
            double boundary,
            int minSessions) {
        GuardSignal signal = guard.signal();
        long events = totals.getOrDefault(signal.events(), 0L);
        long trials = signal.trials().stream()
                .mapToLong(m -> totals.getOrDefault(m, 0L))
                .sum();
        long baselineEvents = baselineTotals.getOrDefault(signal.events(), 0L);
        long baselineTrials = signal.trials().stream()
                .mapToLong(m -> baselineTotals.getOrDefault(m, 0L))
                .sum();
        GuardMath.Sequential sequentialFinding = GuardMath.sequential(
                sequential,
                boundary,
                minutes.sum(signal.trials()),
                minutes.sum(List.of(signal.events())),
                baselineTrials,
                baselineEvents,
                guard.threshold(),
                minSessions,
                guard.baselineMargin(),
                z);
        GuardMath.Judgement j = GuardMath.judge(
                signal,
                trials,
                events,
                baselineTrials,
                baselineEvents,
                guard.threshold(),
                minSessions,
                guard.baselineMargin(),
                z,
                sequentialFinding);
        GuardMath.Interval i = GuardMath.wilson(events, trials, z);
        return new RolloutHealthView.SignalHealth(
                signal.wireName(),
                guard.mode().name().toLowerCase(Locale.ROOT),
                events,
                trials,
                rate(events, trials),
                i.lower(),
                i.upper(),
                guard.threshold(),
                j.verdict(),
                j.reason(),
                new RolloutHealthView.Evidence(
                        j.finding().statistic(),
                        boundary,
                        j.reference(),
                        j.finding().events(),
                        j.finding().sessions(),
                        j.finding().minutes()));
    }

    private List<RolloutHealthView.RegionHealth> regions(List<WindowCounts.Cell> mine) {
        Map<String, long[]> byRegion = new TreeMap<>();
        mine.forEach(c -> {
            long[] sc = byRegion.computeIfAbsent(c.region(), r -> new long[2]);
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
