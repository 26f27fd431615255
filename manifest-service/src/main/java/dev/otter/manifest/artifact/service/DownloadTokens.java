package dev.otter.manifest.artifact.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring download links: {@code token = base64url(HMAC-SHA256(secret, sha256 + "\n" + expires))}.
 * Expiry is rounded up to a whole window so that every answer within a window carries the same
 * link (CDN- and cache-friendly) and the HMAC can be reused; a link lives between {@code ttl} and
 * {@code ttl + window}.
 */
public final class DownloadTokens {
    private final byte[] secret;
    private final Duration ttl;
    private final long windowSeconds;
    private final ThreadLocal<Mac> macs;

    public DownloadTokens(String secret, Duration ttl, Duration window) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
        this.windowSeconds = Math.max(1, window.toSeconds());
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The link's query, {@code expires=…&token=…}, for a file as of {@code now}. */
    public String query(String sha256, Instant now) {
        long expires = expires(now).getEpochSecond();
        return "expires=" + expires + "&token=" + token(sha256, expires);
    }

    /** When a link made at {@code now} expires: the ttl, rounded up to the end of a window. */
    public Instant expires(Instant now) {
        return Instant.ofEpochSecond((now.plus(ttl).getEpochSecond() / windowSeconds + 1) * windowSeconds);
    }

    /** Whether a link is genuine, and whether it is still valid at {@code now}. */
    public Verdict verify(String sha256, String expires, String token, Instant now) {
        long at;
        try {
            at = Long.parseLong(expires);
        } catch (NumberFormatException | NullPointerException e) {
            return Verdict.INVALID;
        }
        if (token == null
                || !MessageDigest.isEqual(
                        token(sha256, at).getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        return now.getEpochSecond() > at ? Verdict.EXPIRED : Verdict.VALID;
    }

    /** The outcome of checking a link. */
    public enum Verdict {
        VALID,
        INVALID,
        EXPIRED
    }

    private String token(String sha256, long expires) {
        byte[] mac = macs.get().doFinal((sha256 + "\n" + expires).getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
