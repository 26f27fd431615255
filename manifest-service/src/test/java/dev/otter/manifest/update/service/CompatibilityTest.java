package dev.otter.manifest.update.service;

import static dev.otter.manifest.update.service.Catalogs.artifact;
import static dev.otter.manifest.update.service.Catalogs.needs;
import static dev.otter.manifest.update.service.Catalogs.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.Channel;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.snapshot.ArtifactEntry;
import dev.otter.manifest.update.api.Missing;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityTest {

    private static DeviceProfile device(
            String app, String runtime, String platform, String os, String model, int ram, String accel) {
        return new DeviceProfile(
                "install-0001",
                v(app),
                v(runtime),
                platform,
                SemVer.parseLenient(os),
                model,
                ram,
                10_000,
                accel,
                "DE",
                Channel.STABLE);
    }

    private static final DeviceProfile PIXEL = device("3.2.0", "1.4.0", "android", "14.0.0", "Pixel 8", 8192, "npu");

    private static List<String> messages(ArtifactEntry a, DeviceProfile d) {
        return Compatibility.missing(a, d).stream().map(Missing::message).toList();
    }

    @Test
    void compatibleDeviceLacksNothing() {
        ArtifactEntry a = artifact(
                "3b",
                "2.0.0",
                1,
                needs("3.0.0", "1.2.0", "1.9.9", 6144, "npu", List.of("android>=12", "ios>=16"), List.of()));
        assertThat(Compatibility.missing(a, PIXEL)).isEmpty();
    }

    @Test
    void everyUnmetRequirementIsListedInWords() {
        ArtifactEntry a = artifact(
                "3b",
                "2.0.0",
                1,
                needs("4.0.0", "1.5.0", null, 12_288, "gpu", List.of("android>=15"), List.of("pixel 8")));
        assertThat(messages(a, PIXEL))
                .containsExactly(
                        "needs app version 4.0.0 or newer, has 3.2.0",
                        "needs runtime 1.5.0 or newer, has 1.4.0",
                        "needs 12288 MB RAM, has 8192",
                        "needs accelerator gpu, has npu",
                        "needs android 15.0.0 or newer, has 14.0.0",
                        "device model Pixel 8 is not supported");
    }

    @Test
    void anEngineNewerThanTheModelAllowsIsIncompatibleButNoMaximumMeansAnyNewEngine() {
        ArtifactEntry bounded =
                artifact("1b", "1.0.0", 1, needs(null, "1.0.0", "1.9.9", 0, null, List.of(), List.of()));
        ArtifactEntry open = artifact("1b", "1.0.0", 1, needs(null, "1.0.0", null, 0, null, List.of(), List.of()));
        DeviceProfile newEngine = device("3.2.0", "2.0.0", "android", "14", "Pixel 8", 8192, "none");
        assertThat(messages(bounded, newEngine)).containsExactly("needs runtime 1.9.9 or older, has 2.0.0");
        assertThat(messages(open, newEngine)).isEmpty();
    }

    @Test
    void platformMustBeListedWhenAListExists() {
        ArtifactEntry a = artifact("1b", "1.0.0", 1, needs(null, null, null, 0, null, List.of("ios>=16"), List.of()));
        assertThat(Compatibility.missing(a, PIXEL))
                .singleElement()
                .extracting(Missing::requirement, Missing::message)
                .containsExactly("platform", "runs on ios, not android");
    }

    @Test
    void denyListMatchesCaseInsensitivelyWithTrailingWildcard() {
        ArtifactEntry a = artifact("1b", "1.0.0", 1, needs(null, null, null, 0, null, List.of(), List.of("SM-A1*")));
        assertThat(messages(a, device("3.2.0", "1.4.0", "android", "14", "sm-a105f", 4096, "none")))
                .containsExactly("device model sm-a105f is not supported");
        assertThat(messages(a, device("3.2.0", "1.4.0", "android", "14", "SM-S918B", 4096, "none")))
                .isEmpty();
    }

    @Test
    void deviceWithoutAcceleratorLacksARequiredOne() {
        ArtifactEntry a = artifact("1b", "1.0.0", 1, needs(null, null, null, 0, "npu", List.of(), List.of()));
        assertThat(messages(a, device("3.2.0", "1.4.0", "android", "14", "X", 4096, "none")))
                .containsExactly("needs accelerator npu, has none");
    }

    @Test
    void unknownDeviceFactsAreNotHeldAgainstALegacyClient() {
        ArtifactEntry a = artifact(
                "3b", "2.0.0", 1, needs("4.0.0", "1.5.0", "1.9.9", 12_288, "gpu", List.of("ios>=16"), List.of("x")));
        assertThat(Compatibility.missing(a, DeviceProfile.legacy("dev_12345", Channel.STABLE)))
                .isEmpty();
    }
}
