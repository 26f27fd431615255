package dev.otter.rollout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otter.devtokens.DevKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceIdentityTest {
    @TempDir
    Path dir;

    record Identity(
            Optional<Path> tokenFile, Optional<Path> keyFile, Duration lifetime, String subject, List<String> roles)
            implements RolloutConfig.Identity {}

    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void mintsShortLivedViewerTokensAndANewOneWhenAThirdIsLeft() {
        DevKeys.loadOrCreate(dir);
        Moving clock = new Moving();
        ServiceIdentity identity = new ServiceIdentity(
                new Identity(
                        Optional.empty(),
                        Optional.of(dir.resolve(DevKeys.PRIVATE_FILE)),
                        Duration.ofMinutes(15),
                        "service:rollout-service",
                        List.of("viewer")),
                "otter-local",
                clock);

        String first = identity.token().orElseThrow();
        long iat = clock.now.getEpochSecond();
        assertThat(claims(first))
                .contains("\"sub\":\"service:rollout-service\"", "\"groups\":[\"viewer\"]", "\"iss\":\"otter-local\"")
                .contains("\"iat\":" + iat, "\"exp\":" + (iat + 900));
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(identity.token()).contains(first);
        clock.now = clock.now.plus(Duration.ofMinutes(1)); // 10 of 15 minutes gone
        assertThat(identity.token().orElseThrow()).isNotEqualTo(first);
    }

    @Test
    void readsTheProjectedTokenAgainWhenTheKubeletRotatesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "first-token\n");
        ServiceIdentity identity = new ServiceIdentity(
                new Identity(Optional.of(file), Optional.empty(), Duration.ofMinutes(15), "s", List.of("viewer")),
                "otter-local",
                new Moving());
        assertThat(identity.token()).contains("first-token");
        Files.writeString(file, "rotated-token");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(identity.token()).contains("rotated-token");
        Files.delete(file);
        assertThat(identity.token())
                .as("a briefly missing file: the last token read")
                .contains("rotated-token");
    }

    @Test
    void noIdentityNoTokenAndNeverMoreThanAnHour() {
        assertThat(new ServiceIdentity(
                                new Identity(
                                        Optional.empty(), Optional.empty(), Duration.ofMinutes(15), "s", List.of()),
                                "otter-local",
                                new Moving())
                        .token())
                .isEmpty();
        assertThatThrownBy(() -> new ServiceIdentity(
                        new Identity(Optional.empty(), Optional.empty(), Duration.ofHours(2), "s", List.of()),
                        "otter-local",
                        new Moving()))
                .hasMessageContaining("at most an hour");
    }
}
