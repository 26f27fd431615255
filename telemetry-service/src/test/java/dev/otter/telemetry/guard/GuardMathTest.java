package dev.otter.telemetry.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.otter.contract.telemetry.Verdict;
import dev.otter.telemetry.guard.service.GuardMath;
import org.junit.jupiter.api.Test;

class GuardMathTest {
    private static final double Z = 1.96;

    private static Verdict verdict(long sessions, long crashes, long baseSessions, long baseCrashes, int min) {
        return GuardMath.judge(sessions, crashes, baseSessions, baseCrashes, 0.02, min, 0.01, Z)
                .verdict();
    }

    @Test
    void wilsonIntervalMatchesReferenceValues() {
        // 50 in 1000: p = 5 %, Wilson 95 % = [3.81 %, 6.53 %] (reference values).
        GuardMath.Interval i = GuardMath.wilson(50, 1000, Z);
        assertThat(i.rate()).isEqualTo(0.05);
        assertThat(i.lower()).isCloseTo(0.03813, within(0.00001));
        assertThat(i.upper()).isCloseTo(0.0653, within(0.0001));
        // 0 in 500: the upper bound is z²/(n+z²).
        assertThat(GuardMath.wilson(0, 500, Z).upper()).isCloseTo(3.8416 / 503.8416, within(1e-6));
        assertThat(GuardMath.wilson(0, 0, Z).upper()).isEqualTo(1);
        // More crashes than sessions (several per session) is clamped, not NaN.
        assertThat(GuardMath.wilson(10, 5, Z).lower()).isBetween(0.5, 1.0);
    }

    @Test
    void oneCrashInThreeSessionsDoesNotTrigger() {
        assertThat(verdict(3, 1, 0, 0, 500)).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void fiftyCrashesInAThousandSessionsAgainstTwoPercentTriggers() {
        GuardMath.Judgement j = GuardMath.judge(1000, 50, 0, 0, 0.02, 500, 0.01, Z);
        assertThat(j.verdict()).isEqualTo(Verdict.UNHEALTHY);
        assertThat(j.reason())
                .isEqualTo("crash rate 5.00% (50 crashes in 1000 sessions), lower bound 3.81% > threshold 2.00%");
    }

    @Test
    void aRateAboveTheThresholdButNotClearlySoIsOnlyWatched() {
        // 25 in 1000 = 2.5 %: the lower bound (1.70 %) is under 2 %, so no trigger yet.
        assertThat(verdict(1000, 25, 0, 0, 500)).isEqualTo(Verdict.WATCH);
    }

    @Test
    void clearlyWorseThanTheBaselineTriggersEvenUnderTheThreshold() {
        GuardMath.Judgement j = GuardMath.judge(20_000, 300, 50_000, 100, 0.05, 500, 0.005, Z);
        assertThat(j.verdict()).isEqualTo(Verdict.UNHEALTHY);
        assertThat(j.reason()).contains("> baseline 0.20% + margin 0.50%");
        // The baseline only counts once it has the minimum sessions itself.
        assertThat(GuardMath.judge(20_000, 300, 100, 0, 0.05, 500, 0.005, Z).verdict())
                .isNotEqualTo(Verdict.UNHEALTHY);
    }

    @Test
    void confidentlyLowIsHealthy() {
        assertThat(verdict(500, 0, 0, 0, 500)).isEqualTo(Verdict.HEALTHY);
        assertThat(verdict(5_000, 20, 5_000, 20, 500)).isEqualTo(Verdict.HEALTHY);
        assertThat(verdict(499, 0, 0, 0, 500)).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }
}
