package dev.otter.manifest.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.manifest.artifact.service.DownloadTokens;
import dev.otter.manifest.artifact.service.DownloadTokens.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloadTokensTest {
    private final DownloadTokens tokens = new DownloadTokens("secret", Duration.ofHours(6), Duration.ofMinutes(10));
    private final String sha = "ab".repeat(32);

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        for (String part : q.split("&")) {
            out.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        return out;
    }

    @Test
    void aLinkIsValidForAtLeastItsTtlAndTheSameWithinAWindow() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        Map<String, String> q = query(tokens.query(sha, now));
        long expires = Long.parseLong(q.get("expires"));
        assertThat(expires - now.getEpochSecond()).isBetween(6 * 3600L, 6 * 3600L + 600);
        assertThat(tokens.query(sha, now.plusSeconds(30))).isEqualTo(tokens.query(sha, now));
        assertThat(tokens.verify(sha, q.get("expires"), q.get("token"), now.plus(Duration.ofHours(6))))
                .isEqualTo(Verdict.VALID);
        assertThat(tokens.verify(sha, q.get("expires"), q.get("token"), Instant.ofEpochSecond(expires + 1)))
                .isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void aTokenIsBoundToItsFileItsExpiryAndTheSecret() {
        Instant now = Instant.now();
        Map<String, String> q = query(tokens.query(sha, now));
        assertThat(tokens.verify("cd".repeat(32), q.get("expires"), q.get("token"), now))
                .isEqualTo(Verdict.INVALID);
        assertThat(tokens.verify(sha, Long.toString(Long.parseLong(q.get("expires")) + 3600), q.get("token"), now))
                .as("a longer expiry")
                .isEqualTo(Verdict.INVALID);
        DownloadTokens other = new DownloadTokens("other", Duration.ofHours(6), Duration.ofMinutes(10));
        assertThat(other.verify(sha, q.get("expires"), q.get("token"), now)).isEqualTo(Verdict.INVALID);
        assertThat(tokens.verify(sha, null, q.get("token"), now)).isEqualTo(Verdict.INVALID);
        assertThat(tokens.verify(sha, "soon", q.get("token"), now)).isEqualTo(Verdict.INVALID);
        assertThat(tokens.verify(sha, q.get("expires"), null, now)).isEqualTo(Verdict.INVALID);
    }
}
