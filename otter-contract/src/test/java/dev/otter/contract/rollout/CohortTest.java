package dev.otter.contract.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.version.SemVer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CohortTest {
    private static final String SALT = "salt-a";
    // Bucket 4249 under salt-a (pinned in BucketingTest).
    private static final String ID = "install-0001";

    private static DeviceAttributes device(
            String region, String app, String platform, String os, String model, Integer ram) {
        return new DeviceAttributes(
                ID,
                region,
                app == null ? null : SemVer.parseLenient(app),
                SemVer.parse("1.4.0"),
                platform,
                os == null ? null : SemVer.parseLenient(os),
                model,
                ram);
    }

    private static final DeviceAttributes PIXEL = device("DE", "3.2.0", "android", "14", "Pixel 8", 8192);

    private static CohortRules rules(
            List<String> include,
            List<String> exclude,
            VersionRange app,
            List<PlatformRange> platforms,
            List<String> allow,
            List<String> deny,
            Integer ram) {
        return new CohortRules(include, exclude, app, null, platforms, allow, deny, ram, List.of());
    }

    private static CohortMatch match(CohortRules rules, DeviceAttributes d, int bp) {
        return Cohort.compile(rules, Set.of()).match(d, SALT, bp);
    }

    @Test
    void percentageDecidesWhenNoRuleRestricts() {
        assertThat(match(CohortRules.EVERYONE, PIXEL, 4_250))
                .extracting(CohortMatch::inCohort, CohortMatch::rule, CohortMatch::bucket, CohortMatch::detail)
                .containsExactly(true, "percentage", 4249, "bucket 4249 < 4250 (42.5%)");
        assertThat(match(CohortRules.EVERYONE, PIXEL, 4_249).inCohort()).isFalse();
        assertThat(match(CohortRules.EVERYONE, PIXEL, 0).inCohort()).isFalse();
        assertThat(match(CohortRules.EVERYONE, PIXEL, 10_000).inCohort()).isTrue();
    }

    @Test
    void testersAreAlwaysInEvenAtZeroPercentAndOutsideTheRules() {
        CohortRules onlyJapan = rules(List.of("JP"), List.of(), null, List.of(), List.of(), List.of(), null);
        CohortMatch m = Cohort.compile(onlyJapan, Set.of(ID)).match(PIXEL, SALT, 0);
        assertThat(m.inCohort()).isTrue();
        assertThat(m.rule()).isEqualTo("tester");
    }

    @Test
    void regions() {
        CohortRules include = rules(List.of("de", "AT"), List.of(), null, List.of(), List.of(), List.of(), null);
        CohortRules exclude = rules(List.of(), List.of("DE"), null, List.of(), List.of(), List.of(), null);
        assertThat(match(include, PIXEL, 10_000).inCohort()).isTrue();
        assertThat(match(include, device("FR", "3.2.0", "android", "14", "X", 8192), 10_000))
                .extracting(CohortMatch::inCohort, CohortMatch::rule, CohortMatch::detail)
                .containsExactly(false, "region", "region FR is not included");
        assertThat(match(exclude, PIXEL, 10_000).detail()).isEqualTo("region DE is excluded");
        assertThat(match(include, device(null, "3.2.0", "android", "14", "X", 8192), 10_000)
                        .detail())
                .isEqualTo("region unknown");
    }

    @Test
    void appAndRuntimeVersionRangesAreInclusive() {
        CohortRules app =
                rules(List.of(), List.of(), new VersionRange("3.0", "3.2.0"), List.of(), List.of(), List.of(), null);
        assertThat(match(app, PIXEL, 10_000).inCohort()).isTrue();
        CohortMatch old = match(app, device("DE", "2.9.9", "android", "14", "X", 8192), 10_000);
        assertThat(old.rule()).isEqualTo("app_version");
        assertThat(old.detail()).isEqualTo("app version 2.9.9 outside 3.0.0 .. 3.2.0");
        assertThat(match(app, device("DE", "3.10.0", "android", "14", "X", 8192), 10_000)
                        .inCohort())
                .isFalse();
        CohortRules runtime = new CohortRules(
                List.of(),
                List.of(),
                null,
                new VersionRange("1.5.0", null),
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of());
        assertThat(match(runtime, PIXEL, 10_000).rule()).isEqualTo("runtime_version");
    }

    @Test
    void platformsWithOsRanges() {
        CohortRules androidFrom13 = rules(
                List.of(),
                List.of(),
                null,
                List.of(new PlatformRange("Android", "13", null)),
                List.of(),
                List.of(),
                null);
        assertThat(match(androidFrom13, PIXEL, 10_000).inCohort()).isTrue();
        assertThat(match(androidFrom13, device("DE", "3.2.0", "android", "12", "X", 8192), 10_000))
                .extracting(CohortMatch::rule, CohortMatch::detail)
                .containsExactly("os_version", "android 12.0.0 outside 13.0.0 .. *");
        assertThat(match(androidFrom13, device("DE", "3.2.0", "ios", "17", "X", 8192), 10_000)
                        .detail())
                .isEqualTo("platform ios is not targeted");
    }

    @Test
    void deviceModelsAllowAndDenyWithDenyWinning() {
        CohortRules allowPixels =
                rules(List.of(), List.of(), null, List.of(), List.of("pixel*"), List.of("Pixel 6a"), null);
        assertThat(match(allowPixels, PIXEL, 10_000).inCohort()).isTrue();
        assertThat(match(allowPixels, device("DE", "3.2.0", "android", "14", "Pixel 6a", 8192), 10_000)
                        .detail())
                .isEqualTo("device model Pixel 6a is denied");
        assertThat(match(allowPixels, device("DE", "3.2.0", "android", "14", "SM-S918B", 8192), 10_000)
                        .detail())
                .isEqualTo("device model SM-S918B is not allowed");
    }

    @Test
    void minimumRam() {
        CohortRules ram = rules(List.of(), List.of(), null, List.of(), List.of(), List.of(), 12_288);
        assertThat(match(ram, PIXEL, 10_000))
                .extracting(CohortMatch::rule, CohortMatch::detail)
                .containsExactly("ram_mb", "needs 12288 MB RAM, has 8192");
    }

    @Test
    void unknownAttributesDoNotMatchRulesThatNeedThem() {
        DeviceAttributes legacy = new DeviceAttributes(ID, null, null, null, null, null, null, null);
        assertThat(match(CohortRules.EVERYONE, legacy, 10_000).inCohort()).isTrue();
        assertThat(match(rules(List.of(), List.of(), null, List.of(), List.of(), List.of(), 1024), legacy, 10_000)
                        .inCohort())
                .isFalse();
    }

    @Test
    void percentageFormatting() {
        assertThat(Cohort.percent(1)).isEqualTo("0.01%");
        assertThat(Cohort.percent(500)).isEqualTo("5%");
        assertThat(Cohort.percent(10_000)).isEqualTo("100%");
    }
}
