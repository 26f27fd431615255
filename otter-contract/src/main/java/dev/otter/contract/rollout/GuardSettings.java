package dev.otter.contract.rollout;

import java.util.List;

/**
 * When telemetry rolls a rollout back by itself: a sequential test (docs/guard.md) finds a target's
 * crash rate (FATAL errors per session) risen above {@code crashRateThreshold}, or above the
 * baseline's rate plus {@code baselineMargin}, once at least {@code minSessions} sessions were
 * reported; {@code windowSeconds} is the window the health view shows. {@code signals} are every
 * signal judged the same way ({@link GuardSignal}: crash, load and verify failures, SEVERE errors,
 * resources), each enforced or only observed. {@code excludeSegments}: a breach confined to one
 * segment (a region) while the rest is clearly healthy excludes that segment instead of rolling
 * everything back. Set per rollout in rollout-service; telemetry judges rollouts it has no settings
 * for with {@link #DEFAULT}.
 */
public record GuardSettings(
        double crashRateThreshold,
        int minSessions,
        long windowSeconds,
        double baselineMargin,
        List<SignalGuard> signals,
        boolean excludeSegments) {

    /** 2 % crash rate, 500 sessions, a 30-minute window, 1 point over the baseline; the other signals' defaults. */
    public static final GuardSettings DEFAULT = new GuardSettings(0.02, 500, 1800, 0.01, null, false);

    /** Settings that roll everything back on any breach. */
    public GuardSettings(
            double crashRateThreshold,
            int minSessions,
            long windowSeconds,
            double baselineMargin,
            List<SignalGuard> signals) {
        this(crashRateThreshold, minSessions, windowSeconds, baselineMargin, signals, false);
    }

    /** Every signal, completed with defaults; a crash entry given in {@code signals} sets the crash fields. */
    public GuardSettings {
        signals = SignalGuard.complete(signals, crashRateThreshold, baselineMargin);
        SignalGuard crash = SignalGuard.of(signals, GuardSignal.CRASH);
        crashRateThreshold = crash.threshold();
        baselineMargin = crash.baselineMargin();
    }
}
