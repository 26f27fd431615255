package dev.otter.contract.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BucketingTest {
    private static final List<String> IDS = IntStream.range(0, 100_000)
            .mapToObj(i -> UUID.nameUUIDFromBytes(("device-" + i).getBytes()).toString())
            .toList();

    @Test
    void murmur3MatchesTheCanonicalReferenceVectors() {
        // MurmurHash3_x86_32, seed 0, as published with SMHasher.
        assertThat(Bucketing.murmur3("")).isEqualTo(0);
        assertThat(Bucketing.murmur3("hello")).isEqualTo(0x248bfa47);
        assertThat(Bucketing.murmur3("The quick brown fox jumps over the lazy dog"))
                .isEqualTo(0x2e4ff723);
    }

    @Test
    void pinnedBucketVectors() {
        // Changing these moves real devices between cohorts: never change them.
        assertThat(Bucketing.bucket("salt-a", "install-0001")).isEqualTo(4249);
        assertThat(Bucketing.bucket("salt-a", "install-0002")).isEqualTo(8605);
        assertThat(Bucketing.bucket("salt-b", "install-0001")).isEqualTo(5204);
        assertThat(Bucketing.bucket("5f0c2a", "3f1c9a2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8"))
                .isEqualTo(3445);
        assertThat(Bucketing.variantBucket("salt-a", "install-0001")).isEqualTo(8201);
        assertThat(Bucketing.variantBucket("5f0c2a", "3f1c9a2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8"))
                .isEqualTo(7959);
    }

    @Test
    void bucketsAreStickyAndInRange() {
        for (String id : IDS.subList(0, 1_000)) {
            int b = Bucketing.bucket("salt", id);
            assertThat(b).isBetween(0, Bucketing.BUCKETS - 1);
            assertThat(Bucketing.bucket("salt", id)).isEqualTo(b);
        }
    }

    @Test
    void rampIsMonotonic() {
        for (String id : IDS) {
            int b = Bucketing.bucket("ramp", id);
            boolean at5 = b < 500;
            boolean at10 = b < 1_000;
            assertThat(!at5 || at10).as("a device in the 5%% stays in the 10%%").isTrue();
        }
    }

    @Test
    void percentagesHitTheirShareWithinOnePercentOnOneHundredThousandIds() {
        for (int bp : new int[] {100, 500, 2_500, 5_000, 10_000}) {
            long in = IDS.stream()
                    .filter(id -> Bucketing.bucket("share", id) < bp)
                    .count();
            assertThat(in / 100_000.0).as("share at %d bp", bp).isCloseTo(bp / 10_000.0, within(0.01));
        }
    }

    @Test
    void twoRolloutsCohortsAreIndependent() {
        // At 50% each, independent cohorts overlap on ~25% of the fleet; correlated ones would not.
        long both = IDS.stream()
                .filter(id ->
                        Bucketing.bucket("rollout-one", id) < 5_000 && Bucketing.bucket("rollout-two", id) < 5_000)
                .count();
        assertThat(both / 100_000.0).isCloseTo(0.25, within(0.01));
        // Chi-square over a 10x10 grid of (bucket decile in one, decile in the other): df = 81,
        // 99.9th percentile ≈ 126.
        long[][] grid = new long[10][10];
        IDS.forEach(
                id -> grid[Bucketing.bucket("rollout-one", id) / 1_000][Bucketing.bucket("rollout-two", id) / 1_000]++);
        double expected = IDS.size() / 100.0;
        double chi2 = 0;
        for (long[] row : grid) {
            for (long observed : row) {
                chi2 += (observed - expected) * (observed - expected) / expected;
            }
        }
        assertThat(chi2).isLessThan(126);
    }

    @Test
    void variantBucketIsIndependentOfTheCohortBucket() {
        long both = IDS.stream()
                .filter(id -> Bucketing.bucket("ab", id) < 5_000 && Bucketing.variantBucket("ab", id) < 5_000)
                .count();
        assertThat(both / 100_000.0).isCloseTo(0.25, within(0.01));
    }

    @Test
    void variantSplitFollowsWeightsWithinOnePercentAndIgnoresThePercentage() {
        VariantPicker picker = new VariantPicker(List.of(
                new Variant("control", "2.0.0", 50), new Variant("B", "2.1.0", 30), new Variant("C", "2.2.0", 20)));
        Map<String, Integer> counts = new HashMap<>();
        for (String id : IDS) {
            counts.merge(picker.pick(Bucketing.variantBucket("abtest", id)).name(), 1, Integer::sum);
        }
        assertThat(counts.get("control") / 100_000.0).isCloseTo(0.50, within(0.01));
        assertThat(counts.get("B") / 100_000.0).isCloseTo(0.30, within(0.01));
        assertThat(counts.get("C") / 100_000.0).isCloseTo(0.20, within(0.01));
    }
}
