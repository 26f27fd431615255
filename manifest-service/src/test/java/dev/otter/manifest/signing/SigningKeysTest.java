package dev.otter.manifest.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otter.manifest.signing.service.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
    @TempDir
    Path dir;

    private static byte[] key(SigningKeys keys, String kid) {
        return keys.published().stream()
                .filter(k -> k.kid().equals(kid))
                .map(k -> Base64.getUrlDecoder().decode(k.publicKey()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRotationPublishesTheNewKeyAndKeepsTheOldOneForTheOverlap() {
        byte[] message = "{\"decisions\":[]}".getBytes(StandardCharsets.UTF_8);
        SigningKeys before = new SigningKeys("k1", dir.resolve("k1.key"), true, List.of());
        String oldSignature = before.sign(message);
        String oldPublic = Base64.getUrlEncoder().withoutPadding().encodeToString(before.publicKey());

        SigningKeys after = new SigningKeys("k2", dir.resolve("k2.key"), true, List.of("k1:" + oldPublic));
        assertThat(after.published())
                .extracting(SigningKeys.PublishedKey::kid, SigningKeys.PublishedKey::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("k2", "active"),
                        org.assertj.core.groups.Tuple.tuple("k1", "previous"));
        String newSignature = after.sign(message);
        assertThat(SigningKeys.verify(key(after, "k2"), message, newSignature)).isTrue();
        assertThat(SigningKeys.verify(key(after, "k1"), message, oldSignature))
                .as("answers signed before the rotation still verify during the overlap")
                .isTrue();
        assertThat(SigningKeys.verify(key(after, "k2"), message, oldSignature)).isFalse();
        message[3] ^= 1;
        assertThat(SigningKeys.verify(key(after, "k2"), message, newSignature))
                .as("tampered")
                .isFalse();
    }

    @Test
    void theKeyFileIsReusedAndNeverInventedWhereThatIsNotAllowed() {
        SigningKeys first = new SigningKeys("k", dir.resolve("k.key"), true, List.of());
        SigningKeys again = new SigningKeys("k", dir.resolve("k.key"), false, List.of());
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThatThrownBy(() -> new SigningKeys("k", dir.resolve("missing.key"), false, List.of()))
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> new SigningKeys("k", dir.resolve("k.key"), false, List.of("nokey")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SigningKeys.verify(first.publicKey(), new byte[1], "not base64!"))
                .isFalse();
    }
}
