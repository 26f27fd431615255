package dev.otter.telemetry.guard;

import dev.otter.telemetry.guard.service.GuardMath;
import dev.otter.telemetry.guard.service.SequentialGuard;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Simulated releases judged by a guard once a simulated minute: each minute a cohort reports a
 * fixed number of sessions with binomial crashes at the release's true rate; a guard sees the
 * minutes one by one and may decide to roll back. Seeded: the same call gives the same figures.
 */
final class GuardSimulation {
    private GuardSimulation() {}

    /** A guard as the simulation drives it: told each minute, asked whether to roll back now. */
    interface Guard {
        boolean rollBackAfter(long sessions, long crashes);
    }

    /** When a release was rolled back (minute and sessions seen, from its start), or never (-1). */
    record Outcome(int minute, long sessions) {
        boolean rolledBack() {
            return minute >= 0;
        }
    }

    /** Runs {@code releases} releases, in parallel, each for at most {@code minutes}. */
    static Outcome[] run(
            int releases, int minutes, int sessionsPerMinute, double trueRate, long seed, Supplier<Guard> guards) {
        SharedStateDiscreteSampler crashes = MarsagliaTsangWangDiscreteSampler.Binomial.of(
                RandomSource.SPLIT_MIX_64.create(seed), sessionsPerMinute, trueRate);
        return IntStream.range(0, releases)
                .parallel()
                .mapToObj(i -> {
                    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 1_000_003L + i);
                    SharedStateDiscreteSampler mine = crashes.withUniformRandomProvider(rng);
                    Guard guard = guards.get();
                    for (int m = 0; m < minutes; m++) {
                        if (guard.rollBackAfter(sessionsPerMinute, mine.sample())) {
                            return new Outcome(m + 1, (long) (m + 1) * sessionsPerMinute);
                        }
                    }
                    return new Outcome(-1, (long) minutes * sessionsPerMinute);
                })
                .toArray(Outcome[]::new);
    }

    /** Share of releases rolled back. */
    static double rolledBackShare(Outcome[] outcomes) {
        return Arrays.stream(outcomes).filter(Outcome::rolledBack).count() / (double) outcomes.length;
    }

    /** The q-quantile (0..1) of minutes (or sessions) to a rollback, among those rolled back; -1 if none. */
    static long quantile(Outcome[] outcomes, double q, boolean sessions) {
        long[] values = Arrays.stream(outcomes)
                .filter(Outcome::rolledBack)
                .mapToLong(o -> sessions ? o.sessions() : o.minute())
                .sorted()
                .toArray();
        if (values.length == 0) {
            return -1;
        }
        return values[(int) Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
    }

    /** Today's guard until this change: Wilson lower bound above the threshold over a sliding window. */
    static Guard wilson(int windowMinutes, int minSessions, double threshold, double z) {
        long[] sessions = new long[windowMinutes];
        long[] crashes = new long[windowMinutes];
        long[] sums = new long[2];
        int[] minute = new int[1];
        return (s, c) -> {
            int slot = minute[0]++ % windowMinutes;
            sums[0] += s - sessions[slot];
            sums[1] += c - crashes[slot];
            sessions[slot] = s;
            crashes[slot] = c;
            return sums[0] >= minSessions
                    && GuardMath.wilson(sums[1], sums[0], z).lower() > threshold;
        };
    }

    /** The sequential guard, gated on the same minimum of sessions in its lookback. */
    static Guard sequential(SequentialGuard guard, double boundary, int minSessions, double threshold) {
        SequentialGuard.Detector detector = guard.detector(threshold);
        return (s, c) -> {
            detector.add(s, c);
            return detector.sessionsInLookback() >= minSessions
                    && detector.finding().statistic() >= boundary;
        };
    }
}
