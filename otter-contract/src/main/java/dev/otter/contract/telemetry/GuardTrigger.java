package dev.otter.contract.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * Telemetry's demand that a rollout be rolled back — or, naming {@code watchId} instead of {@code
 * rolloutId}, that a watched release be reverted — sent through Kafka to rollout-service, which
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
        Instant at) {

    /**
     * The counts behind a trigger: the variant's sessions and crashes over the window, its crash
     * rate and the Wilson 95 % bounds of it, the baseline's counts for comparison, and the
     * sequential test that decided: its statistic (a log-likelihood ratio) and boundary, the rate
     * it tested against, and the events, trials and minutes since the rise began ({@code
     * changeCrashes} and {@code changeSessions} for the crash signal); {@code signal} is the signal
     * that fired, {@code signals} every signal as judged then.
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
            List<SignalEvidence> signals) {}

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
