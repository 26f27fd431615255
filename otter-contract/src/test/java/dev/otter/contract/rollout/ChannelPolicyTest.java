package dev.otter.contract.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.version.SemVer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelPolicyTest {
    private static final List<String> IDS = IntStream.range(0, 20_000)
            .mapToObj(i -> UUID.nameUUIDFromBytes(("d" + i).getBytes()).toString())
            .toList();

    private static DeviceAttributes device(String id) {
        return new DeviceAttributes(
                id,
                "DE",
                SemVer.parse("3.0.0"),
                SemVer.parse("1.0.0"),
                "android",
                SemVer.parse("14.0.0"),
                "Pixel 8",
                8192);
    }

    private static ActiveRollout rollout(String status, int bp, List<Variant> variants) {
        return new ActiveRollout("r-1", status, "salt-r1", "2.0.0", bp, variants, CohortRules.EVERYONE, List.of(), 0);
    }

    private static final List<Variant> SINGLE = List.of(new Variant("target", "2.1.0", 100));

    @Test
    void withoutAnActiveRolloutTheDefaultIsTheCeiling() {
        PolicyOutcome o = ChannelPolicy.compile(new ChannelState("stable", "2.0.0", null, List.of()))
                .evaluate(device("x"));
        assertThat(o.ceiling()).isEqualTo(SemVer.parse("2.0.0"));
        assertThat(o.assigned()).isFalse();
        assertThat(ChannelPolicy.compile(new ChannelState("stable", null, null, List.of()))
                        .evaluate(device("x"))
                        .ceiling())
                .isNull();
    }

    @Test
    void cohortGetsTheTargetEveryoneElseTheBaseline() {
        ChannelPolicy policy = ChannelPolicy.compile(
                new ChannelState("stable", "2.0.0", rollout("RUNNING", 1_000, SINGLE), List.of()));
        long inCohort = IDS.stream()
                .map(id -> policy.evaluate(device(id)))
                .filter(PolicyOutcome::assigned)
                .count();
        assertThat(inCohort / (double) IDS.size()).isBetween(0.09, 0.11);
        for (String id : IDS.subList(0, 500)) {
            PolicyOutcome o = policy.evaluate(device(id));
            assertThat(o.ceiling()).isEqualTo(SemVer.parse(o.assigned() ? "2.1.0" : "2.0.0"));
            assertThat(o.match()).isNotNull();
            if (o.assigned()) {
                assertThat(o.rolloutId()).isEqualTo("r-1");
                assertThat(o.variant()).isEqualTo("target");
            }
        }
    }

    @Test
    void raisingThePercentageNeverMovesADeviceBetweenVariants() {
        List<Variant> ab = List.of(new Variant("A", "2.1.0", 50), new Variant("B", "2.2.0", 50));
        ChannelPolicy at10 =
                ChannelPolicy.compile(new ChannelState("stable", null, rollout("RUNNING", 1_000, ab), List.of()));
        ChannelPolicy at50 =
                ChannelPolicy.compile(new ChannelState("stable", null, rollout("RUNNING", 5_000, ab), List.of()));
        for (String id : IDS) {
            PolicyOutcome small = at10.evaluate(device(id));
            PolicyOutcome large = at50.evaluate(device(id));
            if (small.assigned()) {
                assertThat(large.assigned()).isTrue();
                assertThat(large.variant()).isEqualTo(small.variant());
            }
        }
    }

    @Test
    void pausedRolloutOffersTheBaselineButStillKnowsTheAssignment() {
        PolicyOutcome o = IDS.stream()
                .map(id -> ChannelPolicy.compile(
                                new ChannelState("stable", null, rollout("PAUSED", 10_000, SINGLE), List.of()))
                        .evaluate(device(id)))
                .findFirst()
                .orElseThrow();
        assertThat(o.paused()).isTrue();
        assertThat(o.ceiling()).isEqualTo(SemVer.parse("2.0.0"));
        assertThat(o.variantVersion()).isEqualTo(SemVer.parse("2.1.0"));
    }

    @Test
    void rolledBackVersionsMustBeLeftUnlessUsedAgain() {
        RolledBackRollout bad =
                new RolledBackRollout("r-0", "2.0.0", List.of("2.1.0", "2.0.0"), "crash rate 5%", Instant.EPOCH);
        PolicyOutcome o = ChannelPolicy.compile(new ChannelState("stable", "2.0.0", null, List.of(bad)))
                .evaluate(device("x"));
        assertThat(o.rolledBack()).containsOnlyKeys(SemVer.parse("2.1.0"));
        assertThat(o.rolledBack().get(SemVer.parse("2.1.0"))).isEqualTo("rollout r-0 was rolled back: crash rate 5%");

        // Re-running 2.1.0 in a new rollout (a false alarm) lifts the exclusion.
        PolicyOutcome again = ChannelPolicy.compile(
                        new ChannelState("stable", "2.0.0", rollout("RUNNING", 0, SINGLE), List.of(bad)))
                .evaluate(device("x"));
        assertThat(again.rolledBack()).isEmpty();
    }

    @Test
    void devicesInAnExcludedRegionGoBackWhileTheRestKeepsTheTarget() {
        ExcludedSegment br = new ExcludedSegment(SegmentDimension.REGION, "BR", "crash rate 9%", Instant.EPOCH);
        ActiveRollout r = new ActiveRollout(
                "r-1",
                "RUNNING",
                "salt-r1",
                "2.0.0",
                10_000,
                SINGLE,
                new CohortRules(List.of(), List.of("BR"), null, null, List.of(), List.of(), List.of(), null, List.of()),
                List.of(),
                0,
                List.of(br));
        ChannelPolicy policy = ChannelPolicy.compile(new ChannelState("stable", "2.0.0", r, List.of()));
        DeviceAttributes de = device("x");
        DeviceAttributes inBrazil = new DeviceAttributes(
                "x", "br", de.appVersion(), de.runtimeVersion(), de.platform(), de.osVersion(), de.deviceModel(), 8192);

        PolicyOutcome there = policy.evaluate(inBrazil);
        assertThat(there.ceiling()).isEqualTo(SemVer.parse("2.0.0"));
        assertThat(there.assigned()).isFalse();
        assertThat(there.rolledBack())
                .containsEntry(SemVer.parse("2.1.0"), "rollout r-1 excluded region BR: crash rate 9%")
                .doesNotContainKey(SemVer.parse("2.0.0"));
        assertThat(policy.watchSeconds(there, SemVer.parse("2.1.0"))).isPositive();

        PolicyOutcome elsewhere = policy.evaluate(de);
        assertThat(elsewhere.assigned()).isTrue();
        assertThat(elsewhere.ceiling()).isEqualTo(SemVer.parse("2.1.0"));
        assertThat(elsewhere.rolledBack()).isEmpty();
    }

    @Test
    void devicesOnAnExcludedPlatformDeviceClassOrOsRangeGoBackAndTheOthersStay() {
        DeviceAttributes de = device("x");
        for (ExcludedSegment segment : List.of(
                new ExcludedSegment(SegmentDimension.PLATFORM, "ios", "crash rate 9%", Instant.EPOCH),
                new ExcludedSegment(SegmentDimension.DEVICE_CLASS, "wearable", "crash rate 9%", Instant.EPOCH),
                new ExcludedSegment(SegmentDimension.OS_MAJOR, "ios 17", "crash rate 9%", Instant.EPOCH))) {
            ActiveRollout r = new ActiveRollout(
                    "r-1", "RUNNING", "salt-r1", "2.0.0", 10_000, SINGLE, null, List.of(), 0, List.of(segment));
            ChannelPolicy policy = ChannelPolicy.compile(new ChannelState("stable", "2.0.0", r, List.of()));
            DeviceAttributes inIt = new DeviceAttributes(
                    "x",
                    "DE",
                    de.appVersion(),
                    de.runtimeVersion(),
                    "iOS",
                    SemVer.parse("17.4.1"),
                    "w1",
                    2048,
                    "Wearable");
            DeviceAttributes outside = new DeviceAttributes(
                    "x",
                    "DE",
                    de.appVersion(),
                    de.runtimeVersion(),
                    "ios",
                    SemVer.parse("18.0.0"),
                    "p1",
                    8192,
                    "phone");
            boolean platform = segment.dimension() == SegmentDimension.PLATFORM;

            PolicyOutcome there = policy.evaluate(inIt);
            assertThat(there.assigned()).as(segment.toString()).isFalse();
            assertThat(there.rolledBack())
                    .containsEntry(
                            SemVer.parse("2.1.0"),
                            "rollout r-1 excluded " + segment.dimension().name().toLowerCase(java.util.Locale.ROOT)
                                    + " " + segment.value() + ": crash rate 9%");
            assertThat(policy.evaluate(outside).assigned())
                    .as("a device outside " + segment)
                    .isEqualTo(!platform);
            assertThat(policy.evaluate(device("y")).assigned())
                    .as("another device")
                    .isTrue();
        }
    }

    @Test
    void anOsRangeIsThePlatformAndTheMajorVersion() {
        assertThat(SegmentDimension.OS_MAJOR.of("DE", "Android", null, "12.1.0"))
                .isEqualTo("android 12");
        assertThat(SegmentDimension.OS_MAJOR.of("DE", "android", null, "14")).isEqualTo("android 14");
        assertThat(SegmentDimension.OS_MAJOR.of("DE", null, null, "14")).isNull();
        assertThat(SegmentDimension.OS_MAJOR.of("DE", "android", null, "beta")).isNull();
        assertThat(SegmentDimension.REGION.of("br", "ios", "phone", "17")).isEqualTo("BR");
        assertThat(SegmentDimension.DEVICE_CLASS.of("br", "ios", "Phone", "17")).isEqualTo("phone");
    }

    @Test
    void theNamedTestersOfTheActiveRolloutAreTestersAndNobodyElse() {
        ActiveRollout withTesters = new ActiveRollout(
                "r-1", "RUNNING", "salt-r1", "2.0.0", 0, SINGLE, CohortRules.EVERYONE, List.of("tester-0001"), 0);
        ChannelPolicy policy = ChannelPolicy.compile(new ChannelState("stable", "2.0.0", withTesters, List.of()));
        assertThat(policy.isTester("tester-0001")).isTrue();
        assertThat(policy.isTester("other-0001")).isFalse();
        assertThat(policy.isTester(null)).isFalse();
        assertThat(ChannelPolicy.compile(new ChannelState("stable", "2.0.0", null, List.of()))
                        .isTester("tester-0001"))
                .isFalse();
    }
}
