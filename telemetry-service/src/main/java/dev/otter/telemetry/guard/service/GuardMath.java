package dev.otter.telemetry.guard.service;

import dev.otter.contract.telemetry.Verdict;

/**
 * The statistics of the crash-rate guard. A crash rate is FATAL errors per session; its
 * uncertainty is the Wilson score interval, which behaves at rates near zero and small counts
 * (unlike the normal approximation). The guard triggers only on clear evidence: enough sessions,
 * and the interval's lower bound above the threshold, or above the baseline's rate plus the margin.
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

    /** How a variant stands against its guard. */
    /** A variant's verdict and why. */
    public record Judgement(Verdict verdict, String reason) {}

    /**
     * Judges a variant's {@code crashes} in {@code sessions} against the threshold and, when the
     * baseline has enough sessions itself, against the baseline's rate plus the margin.
     */
    public static Judgement judge(
            long sessions,
            long crashes,
            long baselineSessions,
            long baselineCrashes,
            double threshold,
            int minSessions,
            double margin,
            double z) {
        if (sessions < minSessions) {
            return new Judgement(Verdict.INSUFFICIENT_DATA, sessions + " sessions of the " + minSessions + " needed");
        }
        Interval i = wilson(crashes, sessions, z);
        if (i.lower() > threshold) {
            return new Judgement(
                    Verdict.UNHEALTHY,
                    String.format(
                            "crash rate %.2f%% (%d crashes in %d sessions), lower bound %.2f%% > threshold %.2f%%",
                            100 * i.rate(), crashes, sessions, 100 * i.lower(), 100 * threshold));
        }
        boolean baselineKnown = baselineSessions >= minSessions;
        double baselineRate = baselineKnown ? (double) baselineCrashes / baselineSessions : 0;
        if (baselineKnown && i.lower() > baselineRate + margin) {
            return new Judgement(
                    Verdict.UNHEALTHY,
                    String.format(
                            "crash rate %.2f%% (%d crashes in %d sessions), lower bound %.2f%% > baseline %.2f%% + margin %.2f%%",
                            100 * i.rate(), crashes, sessions, 100 * i.lower(), 100 * baselineRate, 100 * margin));
        }
        boolean underBaseline = !baselineKnown || i.upper() <= baselineRate + margin;
        if (i.upper() <= threshold && underBaseline) {
            return new Judgement(
                    Verdict.HEALTHY,
                    String.format(
                            "crash rate %.2f%% in %d sessions, upper bound %.2f%%",
                            100 * i.rate(), sessions, 100 * i.upper()));
        }
        return new Judgement(
                Verdict.WATCH,
                String.format(
                        "crash rate %.2f%% in %d sessions, bounds %.2f%%..%.2f%%",
                        100 * i.rate(), sessions, 100 * i.lower(), 100 * i.upper()));
    }
}
