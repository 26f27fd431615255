package dev.otter.devtokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {
    @TempDir
    Path dir;

    @Test
    void theKeyPairIsCreatedOnceAndTheSecretHalfIsOwnerOnly() throws Exception {
        KeyPair first = DevKeys.loadOrCreate(dir);
        KeyPair second = DevKeys.loadOrCreate(dir);
        assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(second.getPrivate().getEncoded())
                .isEqualTo(first.getPrivate().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DevKeys.PRIVATE_FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(DevKeys.PUBLIC_FILE))).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void aTokenCarriesItsClaimsAndVerifiesWithThePublicKey() throws Exception {
        KeyPair keys = DevKeys.loadOrCreate(dir);
        Instant issued = Instant.parse("2026-11-22T10:00:00Z");
        String token = DevTokens.mint(
                keys.getPrivate(), "otter-local", "alice", List.of("viewer", "operator"), issued, Duration.ofHours(1));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(payload)
                .startsWith("{\"iss\":\"otter-local\",\"sub\":\"alice\",\"groups\":[\"viewer\",\"operator\"],"
                        + "\"iat\":1795341600,\"exp\":1795345200,");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void claimsThatWouldBreakTheJsonAreRefused() {
        KeyPair keys = DevKeys.loadOrCreate(dir);
        assertThatThrownBy(() ->
                        DevTokens.mint(keys.getPrivate(), "a\",\"groups\":[\"admin", List.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> DevTokens.mint(keys.getPrivate(), "bob", List.of("admin\""), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role");
    }
}
