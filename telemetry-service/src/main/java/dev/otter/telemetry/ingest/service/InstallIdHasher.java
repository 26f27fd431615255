package dev.otter.telemetry.ingest.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces an install id by a keyed hash (HMAC-SHA256, truncated to 128 bits) before anything is
 * written: the same install gives the same token, but without the key the token cannot be turned
 * back into the id, nor be matched against ids collected elsewhere.
 */
public final class InstallIdHasher {
    private final SecretKeySpec key;
    // Mac is not thread-safe and costly to look up: one per thread.
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

    public InstallIdHasher(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("otter.telemetry.install-id-key must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The token for an install id; null stays null. */
    public String hash(String installId) {
        if (installId == null) {
            return null;
        }
        byte[] digest = mac.get().doFinal(installId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
