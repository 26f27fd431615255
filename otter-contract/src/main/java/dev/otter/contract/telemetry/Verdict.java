package dev.otter.contract.telemetry;

/**
 * Telemetry's judgement of a rollout variant over the guard's window, from worst to best: it
 * travels by name between telemetry-service (which decides) and rollout-service (which advances or
 * rolls back on it).
 */
public enum Verdict {
    /** The crash rate is confidently over the threshold or the baseline: roll back. */
    UNHEALTHY,
    /** Fewer sessions than the guard's minimum: no judgement yet. */
    INSUFFICIENT_DATA,
    /** Enough data, but not confidently under the threshold: keep the stage. */
    WATCH,
    /** Confidently under the threshold and not worse than the baseline: the stage may advance. */
    HEALTHY;

    /** The worse of two verdicts (a rollout's is its worst variant's). */
    public Verdict worse(Verdict other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
