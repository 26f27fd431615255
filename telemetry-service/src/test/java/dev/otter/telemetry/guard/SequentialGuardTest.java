package dev.otter.telemetry.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.otter.telemetry.guard.service.SequentialGuard;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sequential detector against a brute-force reading of its definition. */
class SequentialGuardTest {
    private static final double[] RATIOS = {1.5, 2, 3, 5};

    @Test
    void theBoundaryIsTheUnionBoundOverStartsAlternativesReferencesAndSignals() {
        SequentialGuard guard = new SequentialGuard(0.01, Duration.ofDays(7), Duration.ofHours(6));
        assertThat(guard.boundary(1)).isCloseTo(Math.log(10_080 * 4 * 2 / 0.01), within(1e-9));
        assertThat(guard.boundary(3)).isCloseTo(Math.log(10_080 * 4 * 2 * 3 / 0.01), within(1e-9));
    }

    @Test
    void theStatisticIsTheLargestLogLikelihoodRatioOverStartsInTheLookback() {
        int lookback = 30;
        SequentialGuard guard = new SequentialGuard(0.01, Duration.ofDays(7), Duration.ofMinutes(lookback));
        SequentialGuard.Detector detector = guard.detector(0.02);
        SplittableRandom random = new SplittableRandom(42);
        long[] sessions = new long[200];
        long[] crashes = new long[200];
        for (int m = 0; m < sessions.length; m++) {
            sessions[m] = random.nextInt(50);
            // healthy, then a rise from minute 120 on
            double rate = m < 120 ? 0.01 : 0.06;
            for (int s = 0; s < sessions[m]; s++) {
                crashes[m] += random.nextDouble() < rate ? 1 : 0;
            }
            detector.add(sessions[m], crashes[m]);
            SequentialGuard.Finding f = detector.finding();
            assertThat(f.statistic()).isCloseTo(bruteForce(sessions, crashes, m, lookback, 0.02), within(1e-9));
        }
        SequentialGuard.Finding last = detector.finding();
        long sessionsInLookback = 0;
        for (int m = sessions.length - lookback; m < sessions.length; m++) {
            sessionsInLookback += sessions[m];
        }
        assertThat(detector.sessionsInLookback()).isEqualTo(sessionsInLookback);
        assertThat(last.minutes()).isBetween(1, lookback);
    }

    @Test
    void lateEventsAreCountedInTheLatestEarlierMinutesWithSessionsToSpare() {
        long[] sessions = {10, 5, 0, 3, 0};
        long[] events = {1, 4, 6, 0, 9};
        // minute 2's 6: 1 fits in minute 1 (5 - 4), 5 in minute 0 (10 - 1 leaves 9);
        // minute 4's 9: 3 in minute 3, 4 in minute 0 (9 - 5 left), 2 beyond every session dropped.
        assertThat(SequentialGuard.attributeLateEvents(sessions, events)).containsExactly(10, 5, 0, 3, 0);
        assertThat(SequentialGuard.attributeLateEvents(new long[] {100, 100}, new long[] {3, 7}))
                .as("minutes within their sessions are left as they are")
                .containsExactly(3, 7);
    }

    @Test
    void aRateAtTheReferenceGathersNoEvidenceAndAHighOneCrossesTheBoundary() {
        SequentialGuard guard = new SequentialGuard(0.01, Duration.ofDays(7), Duration.ofHours(6));
        SequentialGuard.Detector quiet = guard.detector(0.02);
        SequentialGuard.Detector loud = guard.detector(0.02);
        for (int m = 0; m < 60; m++) {
            quiet.add(100, 1);
            loud.add(100, 10);
        }
        assertThat(quiet.finding().statistic()).isLessThan(1);
        SequentialGuard.Finding f = loud.finding();
        assertThat(f.statistic()).isGreaterThan(guard.boundary(3));
        assertThat(f.sessions()).isEqualTo(6000);
        assertThat(f.events()).isEqualTo(600);
    }

    // max over alternatives and starts s in (m - lookback, m] of the log-likelihood ratio of s..m
    private static double bruteForce(long[] sessions, long[] crashes, int m, int lookback, double p0) {
        double best = Double.NEGATIVE_INFINITY;
        for (double r : RATIOS) {
            double p1 = Math.min(r * p0, 0.999);
            for (int start = Math.max(0, m - lookback + 1); start <= m; start++) {
                double sum = 0;
                for (int k = start; k <= m; k++) {
                    sum += crashes[k] * Math.log(p1 / p0) + (sessions[k] - crashes[k]) * Math.log((1 - p1) / (1 - p0));
                }
                best = Math.max(best, sum);
            }
        }
        return best;
    }
}
