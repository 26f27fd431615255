package dev.otter.telemetry.guard.service;

import dev.otter.contract.rollout.GuardSignal;
import dev.otter.contract.telemetry.Verdict;

/**
 * The statistics of the guard, for any signal (a crash rate is FATAL errors per session). The decision
 * to roll back is sequential ({@link SequentialGuard}: its false-alarm rate holds however often it
 * is evaluated); the Wilson score interval over the window (which behaves at rates near zero and
 * small counts) is what the health view shows and what HEALTHY / WATCH say.
 */
public final class GuardMath {
    private GuardMath() {}

    /** A rate with its Wilson bounds. */
    public record Interval(double rate, double lower, double upper) {}

    /** The Wilson score interval of {@code events} in {@code trials} (events above trials count as trials). */
    public static Interval wilson(long events, long trials, double z) {
        if (trials <= 0) {
            return new Interval(0, 0, 1);
        }
        double n = trials;
        double p = Math.min(events, trials) / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double denominator = 1 + z2 / n;
        return new Interval(
                events / n, Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator));
    }

    /** The sequential test's findings on a signal (against the baseline: null when it is unknown). */
    public record Sequential(
            SequentialGuard.Finding vsThreshold,
            SequentialGuard.Finding vsBaseline,
            double baselineReference,
            double boundary,
            long lookbackTrials) {}

    /**
     * Runs the sequential test over a signal's minutes (oldest first): against the threshold and,
     * when the baseline has the minimum trials, against its Wilson upper bound plus the margin (the
     * baseline's own uncertainty must not count against the new version).
     */
    public static Sequential sequential(
            SequentialGuard guard,
            double boundary,
            long[] trials,
            long[] events,
            long baselineTrials,
            long baselineEvents,
            double threshold,
            int minTrials,
            double margin,
            double z) {
        boolean baselineKnown = baselineTrials >= minTrials;
        double baselineReference = baselineKnown
                ? Math.min(1, wilson(baselineEvents, baselineTrials, z).upper() + margin)
                : 0;
        SequentialGuard.Detector vsThreshold = guard.detector(threshold);
        SequentialGuard.Detector vsBaseline = baselineKnown ? guard.detector(baselineReference) : null;
        long[] attributed = SequentialGuard.attributeLateEvents(trials, events);
        for (int m = 0; m < trials.length; m++) {
            vsThreshold.add(trials[m], attributed[m]);
            if (vsBaseline != null) {
                vsBaseline.add(trials[m], attributed[m]);
            }
        }
        return new Sequential(
                vsThreshold.finding(),
                vsBaseline == null ? null : vsBaseline.finding(),
                baselineReference,
                boundary,
                vsThreshold.sessionsInLookback());
    }

    /** A signal's verdict, why, and the sequential finding behind it with the rate it was tested against. */
    public record Judgement(Verdict verdict, String reason, SequentialGuard.Finding finding, double reference) {}

    /**
     * Judges a signal of a variant: UNHEALTHY only when the sequential test crosses its boundary
     * against the threshold or against the baseline plus the margin (and the lookback holds the
     * minimum trials); otherwise HEALTHY or WATCH from the window's Wilson bounds, which are shown
     * but never decide a rollback (a fixed-level interval checked over and over would, sooner or
     * later, on a healthy release).
     */
    public static Judgement judge(
            GuardSignal signal,
            long trials,
            long events,
            long baselineTrials,
            long baselineEvents,
            double threshold,
            int minTrials,
            double margin,
            double z,
            Sequential sequential) {
        SignalWords words = SignalWords.of(signal);
        SequentialGuard.Finding t = sequential.vsThreshold();
        SequentialGuard.Finding b = sequential.vsBaseline();
        if (sequential.lookbackTrials() < minTrials) {
            return new Judgement(
                    Verdict.INSUFFICIENT_DATA,
                    sequential.lookbackTrials() + " " + words.trials() + " of the " + minTrials + " needed",
                    t,
                    threshold);
        }
        if (t.statistic() >= sequential.boundary()) {
            return new Judgement(
                    Verdict.UNHEALTHY,
                    exceeds(words, t, String.format("threshold %.2f%%", 100 * threshold), sequential),
                    t,
                    threshold);
        }
        if (b != null && b.statistic() >= sequential.boundary()) {
            return new Judgement(
                    Verdict.UNHEALTHY,
                    exceeds(
                            words,
                            b,
                            String.format("baseline + margin %.2f%%", 100 * sequential.baselineReference()),
                            sequential),
                    b,
                    sequential.baselineReference());
        }
        Interval i = wilson(events, trials, z);
        boolean baselineKnown = baselineTrials >= minTrials;
        double baselineRate = baselineKnown ? (double) baselineEvents / baselineTrials : 0;
        boolean underBaseline = !baselineKnown || i.upper() <= baselineRate + margin;
        SequentialGuard.Finding lead = b != null && b.statistic() > t.statistic() ? b : t;
        double reference = lead == t ? threshold : sequential.baselineReference();
        if (i.upper() <= threshold && underBaseline) {
            return new Judgement(
                    Verdict.HEALTHY,
                    String.format(
                            "%s %.2f%% in %d %s, upper bound %.2f%%",
                            words.rate(), 100 * i.rate(), trials, words.trials(), 100 * i.upper()),
                    lead,
                    reference);
        }
        return new Judgement(
                Verdict.WATCH,
                String.format(
                        "%s %.2f%% in %d %s, bounds %.2f%%..%.2f%%; evidence %.1f of the %.1f that decides",
                        words.rate(),
                        100 * i.rate(),
                        trials,
                        words.trials(),
                        100 * i.lower(),
                        100 * i.upper(),
                        lead.statistic(),
                        sequential.boundary()),
                lead,
                reference);
    }

    private static String exceeds(
            SignalWords words, SequentialGuard.Finding f, String reference, Sequential sequential) {
        return String.format(
                "%s %.2f%% (%d %s in %d %s over the last %d min) is above %s:"
                        + " log-likelihood ratio %.1f >= boundary %.1f",
                words.rate(),
                f.sessions() == 0 ? 0 : 100.0 * f.events() / f.sessions(),
                f.events(),
                words.events(),
                f.sessions(),
                words.trials(),
                f.minutes(),
                reference,
                f.statistic(),
                sequential.boundary());
    }
}
