package dev.otter.contract.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * Telemetry's demand that a rollout be rolled back — or, naming {@code watchId} instead of {@code
 * rolloutId}, that a watched release be reverted; naming {@code exclude}, that one segment be taken
 * out of the rollout instead — sent through Kafka to rollout-service, which
 * applies it once (a rollout no longer active, or a watch no longer open, ignores it). {@code
 * triggerId} is unique per decision; {@code evidence} is what the decision was based on.
 */
public record GuardTrigger(
        String triggerId,
        String rolloutId,
        String watchId,
        String variant,
        String version,
        String reason,
        Evidence evidence,
        Instant at,
        Segment exclude) {

    /** A demand to roll back (a rollout) or revert (a watch): no segment. */
    public GuardTrigger(
            String triggerId,
            String rolloutId,
            String watchId,
            String variant,
            String version,
            String reason,
            Evidence evidence,
            Instant at) {
        this(triggerId, rolloutId, watchId, variant, version, reason, evidence, at, null);
    }

    /** A segment of a rollout's devices ({@code dimension} is a {@code SegmentDimension} name). */
    public record Segment(String dimension, String value) {}

    /**
     * The counts behind a trigger: the variant's sessions and crashes over the window, its crash
     * rate and the Wilson 95 % bounds of it, the baseline's counts for comparison, and the
     * sequential test that decided: its statistic (a log-likelihood ratio) and boundary, the rate
     * it tested against, and the events, trials and minutes since the rise began ({@code
     * changeCrashes} and {@code changeSessions} for the crash signal); {@code signal} is the signal
     * that fired, {@code signals} every signal as judged then, {@code segments} every segment.
     */
    public record Evidence(
            long sessions,
            long crashes,
            double rate,
            double lowerBound,
            double upperBound,
            double threshold,
            long baselineSessions,
            long baselineCrashes,
            double baselineRate,
            double baselineMargin,
            long windowSeconds,
            double statistic,
            double boundary,
            double testedAgainst,
            long changeSessions,
            long changeCrashes,
            long changeMinutes,
            String signal,
            List<SignalEvidence> signals,
            List<SegmentEvidence> segments) {

        public Evidence {
            signals = signals == null ? List.of() : List.copyOf(signals);
            segments = segments == null ? List.of() : List.copyOf(segments);
        }

        /** Evidence without segments. */
        public Evidence(
                long sessions,
                long crashes,
                double rate,
                double lowerBound,
                double upperBound,
                double threshold,
                long baselineSessions,
                long baselineCrashes,
                double baselineRate,
                double baselineMargin,
                long windowSeconds,
                double statistic,
                double boundary,
                double testedAgainst,
                long changeSessions,
                long changeCrashes,
                long changeMinutes,
                String signal,
                List<SignalEvidence> signals) {
            this(
                    sessions,
                    crashes,
                    rate,
                    lowerBound,
                    upperBound,
                    threshold,
                    baselineSessions,
                    baselineCrashes,
                    baselineRate,
                    baselineMargin,
                    windowSeconds,
                    statistic,
                    boundary,
                    testedAgainst,
                    changeSessions,
                    changeCrashes,
                    changeMinutes,
                    signal,
                    signals,
                    List.of());
        }
    }

    /**
     * One segment as the guard judged it (with the segment correction): its verdict and the signal
     * it comes from, that signal's events, trials, statistic and boundary; and the verdict of the
     * rest of the variant without it.
     */
    public record SegmentEvidence(
            String dimension,
            String value,
            Verdict verdict,
            String decidedBy,
            long events,
            long trials,
            double statistic,
            double boundary,
            Verdict rest) {}

    /**
     * One signal as the guard judged it when it fired: its mode and verdict, events and trials over
     * the window, the rate tested against, the sequential statistic and boundary, and the events,
     * trials and minutes since the rise began.
     */
    public record SignalEvidence(
            String signal,
            String mode,
            Verdict verdict,
            long events,
            long trials,
            double threshold,
            double testedAgainst,
            double statistic,
            double boundary,
            long changeEvents,
            long changeTrials,
            long changeMinutes) {}
}
