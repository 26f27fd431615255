package dev.otter.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeviceProfileTest {
    @Test
    void theSameSeedGivesTheSameFleetAndAnotherSeedAnother() {
        assertThat(DeviceProfile.of(42, 7)).isEqualTo(DeviceProfile.of(42, 7));
        assertThat(DeviceProfile.of(42, 7).installId())
                .isNotEqualTo(DeviceProfile.of(43, 7).installId());
        assertThat(DeviceProfile.of(42, 7).installId())
                .isNotEqualTo(DeviceProfile.of(42, 8).installId());
    }

    @Test
    void theFleetIsSpreadLikeARealOne() {
        var fleet =
                IntStream.range(0, 2000).mapToObj(n -> DeviceProfile.of(1, n)).toList();
        assertThat(fleet.stream().map(DeviceProfile::installId).distinct()).hasSize(2000);
        assertThat(fleet.stream().map(DeviceProfile::region).collect(Collectors.toSet()))
                .containsAll(Set.of("US", "DE", "IN", "JP", "BR", "FR"));
        assertThat(fleet.stream().map(DeviceProfile::platform).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("android", "ios");
        assertThat(fleet.stream().map(DeviceProfile::preferredTier).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("1b", "3b");
        long android =
                fleet.stream().filter(p -> p.platform().equals("android")).count();
        assertThat(android).isBetween(1300L, 1500L);
        long consenting = fleet.stream().filter(DeviceProfile::consents).count();
        assertThat(consenting).isBetween(1900L, 1980L);
        // Two app interface levels, and an engine ABI per platform.
        assertThat(fleet.stream().map(p -> String.join("+", p.interfaces())).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("chat@1", "chat@1+chat@2");
        long newer =
                fleet.stream().filter(p -> p.interfaces().contains("chat@2")).count();
        assertThat(newer).isBetween(700L, 900L);
        assertThat(fleet.stream().map(DeviceProfile::abi).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("android-arm64", "ios-arm64");
    }
}
