package dev.otter.manifest.artifact.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pre-signed S3 URLs (AWS Signature Version 4, query-string authentication, unsigned payload), for
 * any S3-compatible endpoint: virtual-hosted ({@code bucket.host/key}) or path-style
 * ({@code host/bucket/key}, e.g. MinIO). Pinned to AWS's documented example in the tests.
 */
public final class S3Presigner {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final String region;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;
    private final boolean pathStyle;

    public S3Presigner(
            String endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyle) {
        this.endpoint = URI.create(endpoint.replaceAll("/+$", ""));
        this.region = region;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.pathStyle = pathStyle;
    }

    /** A URL for {@code method} on {@code key}, signed at {@code now} and valid for {@code expiresSeconds}. */
    public String presign(String method, String key, Instant now, long expiresSeconds) {
        String host = pathStyle ? authority() : bucket + "." + authority();
        String path = (pathStyle ? "/" + encode(bucket, false) : "") + "/" + encode(key, false);
        String stamp = STAMP.format(now);
        String date = stamp.substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        Map<String, String> query = new TreeMap<>();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", accessKey + "/" + scope);
        query.put("X-Amz-Date", stamp);
        query.put("X-Amz-Expires", Long.toString(expiresSeconds));
        query.put("X-Amz-SignedHeaders", "host");
        StringBuilder canonicalQuery = new StringBuilder();
        query.forEach((k, v) -> canonicalQuery
                .append(canonicalQuery.length() == 0 ? "" : "&")
                .append(encode(k, true))
                .append('=')
                .append(encode(v, true)));
        String canonicalRequest =
                method + "\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
        String stringToSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] key0 = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] signingKey = hmac(hmac(hmac(key0, region), "s3"), "aws4_request");
        String signature = hex(hmac(signingKey, stringToSign));
        return endpoint.getScheme() + "://" + host + path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    private String authority() {
        return endpoint.getRawAuthority();
    }

    // RFC 3986 unreserved characters stay; '/' stays in paths (S3 keys are not double-encoded).
    static String encode(String s, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || "-_.~".indexOf(c) >= 0
                    || c == '/' && !encodeSlash) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
