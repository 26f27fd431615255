package dev.otter.telemetry.guard.api;

import dev.otter.contract.telemetry.Verdict;
import java.util.List;

/**
 * A rollout's health over the guard's window: per variant (and per region within it) sessions,
 * crashes, crash rate and its Wilson 95 % bounds, the baseline for comparison, the sequential
 * test's evidence, and a verdict — HEALTHY, WATCH, INSUFFICIENT_DATA or UNHEALTHY. {@code guarded} is false when the rollout is not
 * active (defaults are used and no baseline is known).
 */
public record RolloutHealthView(
        String rolloutId,
        boolean guarded,
        long windowSeconds,
        Verdict verdict,
        String summary,
        Settings guard,
        Baseline baseline,
        List<VariantHealth> variants) {

    /** The guard the verdicts are measured against. */
    public record Settings(double crashRateThreshold, int minSessions, double baselineMargin) {}

    /** The baseline version's sessions and crashes outside any rollout. */
    public record Baseline(String version, long sessions, long crashes, double rate) {}

    /**
     * One variant: its crash figures, its verdict (the worst of its enforced signals, named in
     * {@code decidedBy}), every signal, its regions, and its segments when they were judged.
     */
    public record VariantHealth(
            String variant,
            String version,
            long sessions,
            long crashes,
            double rate,
            double lowerBound,
            double upperBound,
            Verdict verdict,
            String reason,
            String decidedBy,
            Evidence evidence,
            List<SignalHealth> signals,
            List<RegionHealth> regions,
            List<SegmentHealth> segments) {}

    /**
     * One segment of a variant (dimension {@code REGION}) judged alone, with the boundary corrected
     * for testing many segments at once: its sessions and crashes over the window, its verdict and
     * the signal it comes from, that signal's evidence; {@code rest}: the verdict of the variant
     * without this segment (judged only when the segment is UNHEALTHY, else null).
     */
    public record SegmentHealth(
            String dimension,
            String value,
            long sessions,
            long crashes,
            Verdict verdict,
            String reason,
            String decidedBy,
            Evidence evidence,
            Verdict rest) {}

    /**
     * One guard signal of a variant over the window: its events and trials, rate and Wilson
     * bounds, threshold, mode, verdict, reason and sequential evidence. Only {@code enforce}
     * signals make the variant's verdict; {@code observe} ones are judged and shown, never act.
     */
    public record SignalHealth(
            String signal,
            String mode,
            long events,
            long trials,
            double rate,
            double lowerBound,
            double upperBound,
            double threshold,
            Verdict verdict,
            String reason,
            Evidence evidence) {}

    /**
     * The sequential test's evidence: its statistic (a log-likelihood ratio) against the boundary
     * that decides, the rate it was tested against, and the events and trials (crashes and
     * sessions for the crash signal) and minutes since the start of the rise that maximises it.
     */
    public record Evidence(
            double statistic, double boundary, double testedAgainst, long events, long trials, long minutes) {}

    /** One region of a variant. */
    public record RegionHealth(
            String region, long sessions, long crashes, double rate, double lowerBound, double upperBound) {}
}
