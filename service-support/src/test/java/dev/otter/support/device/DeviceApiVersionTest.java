package dev.otter.support.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The version and deprecation headers of device answers. */
class DeviceApiVersionTest {
    private static DeviceConfig.Api api(Instant deprecatedAt, Instant sunset) {
        return new DeviceConfig.Api() {
            @Override
            public Optional<Instant> deprecatedAt() {
                return Optional.ofNullable(deprecatedAt);
            }

            @Override
            public Optional<Instant> sunset() {
                return Optional.ofNullable(sunset);
            }

            @Override
            public String policy() {
                return "https://example.com/policy";
            }
        };
    }

    @Test
    void aCurrentVersionSaysOnlyItsVersion() {
        assertThat(DeviceApiVersion.headers(api(null, null)))
                .containsExactly(java.util.Map.entry("Otter-API-Version", "1"));
    }

    @Test
    void aDeprecatedVersionSaysSinceWhenUntilWhenAndWhereThePolicyIs() {
        assertThat(DeviceApiVersion.headers(
                        api(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-12-01T00:00:00Z"))))
                .containsEntry("Otter-API-Version", "1")
                .containsEntry("Deprecation", "@1796083200")
                .containsEntry("Sunset", "Wed, 01 Dec 2027 00:00:00 GMT")
                .containsEntry("Link", "<https://example.com/policy>; rel=\"deprecation\"");
    }
}
