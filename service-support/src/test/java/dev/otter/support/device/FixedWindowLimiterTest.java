package dev.otter.support.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedWindowLimiterTest {

    @Test
    void aKeyGetsItsBudgetPerWindowAndIsToldWhenToRetry() {
        FixedWindowLimiter limiter = new FixedWindowLimiter(3, 60_000);
        long start = 1_800_000_000_000L - Math.floorMod(1_800_000_000_000L, 60_000); // a window's start
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a", start + 1_000)).isZero();
        }
        assertThat(limiter.acquire("a", start + 1_000)).isEqualTo(59); // 59 s to the window's end
        assertThat(limiter.acquire("a", start + 59_999)).isEqualTo(1); // never less than a second
        assertThat(limiter.acquire("b", start + 2_000))
                .as("other keys are not held up")
                .isZero();
        assertThat(limiter.trackedKeys()).isEqualTo(2);

        assertThat(limiter.acquire("a", start + 60_000))
                .as("a new window, a new budget")
                .isZero();
        assertThat(limiter.trackedKeys()).as("the old window's keys are gone").isEqualTo(1);
    }
}
