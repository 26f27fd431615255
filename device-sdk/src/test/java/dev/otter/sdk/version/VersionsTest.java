package dev.otter.sdk.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numeric order of versions, a pre-release before its release. */
class VersionsTest {
    @Test
    void versionsCompareNumericallyAndAPreReleaseComesFirst() {
        assertThat(Versions.compare("2.10.0", "2.9.9")).isPositive();
        assertThat(Versions.compare("2.0", "2.0.0")).isZero();
        assertThat(Versions.compare("1.0.0-rc.1", "1.0.0")).isNegative();
        assertThat(Versions.compare("1.0.0-rc.2", "1.0.0-rc.1")).isPositive();
    }
}
