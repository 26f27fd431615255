package dev.otter.devtokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs operator tokens (RS256 JWTs) with the local key: subject, Otter roles in the MicroProfile
 * {@code groups} claim, issuer {@value #ISSUER}, and an expiry.
 */
public final class DevTokens {
    /** The issuer the services expect by default ({@code OTTER_JWT_ISSUER} changes it). */
    public static final String ISSUER = "otter-local";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    // Subjects and roles go into the JSON unescaped, so they are restricted to safe characters.
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9@._:+/-]{1,128}$");

    private DevTokens() {}

    /** A token for {@code subject} with {@code roles}, valid from now for {@code ttl}. */
    public static String mint(PrivateKey key, String subject, Collection<String> roles, Duration ttl) {
        return mint(key, ISSUER, subject, roles, Instant.now(), ttl);
    }

    /** A token with every claim given: for tests of expiry and issuer checks. */
    public static String mint(
            PrivateKey key, String issuer, String subject, Collection<String> roles, Instant issuedAt, Duration ttl) {
        require(issuer, "issuer");
        require(subject, "subject");
        roles.forEach(role -> require(role, "role"));
        String groups = roles.stream().map(role -> '"' + role + '"').collect(Collectors.joining(","));
        long iat = issuedAt.getEpochSecond();
        String payload = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"groups\":[" + groups
                + "],\"iat\":" + iat + ",\"exp\":" + (iat + ttl.toSeconds()) + ",\"jti\":\""
                + java.util.UUID.randomUUID() + "\"}";
        String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(payload);
        return signingInput + "." + URL.encodeToString(sign(key, signingInput));
    }

    /**
     * A token shaped like a Kubernetes projected service-account token: issuer, subject, one audience,
     * no roles. For tests of service-to-service trust.
     */
    public static String mintServiceAccount(
            PrivateKey key, String issuer, String subject, String audience, Instant issuedAt, Duration ttl) {
        require(issuer, "issuer");
        require(subject, "subject");
        require(audience, "audience");
        long iat = issuedAt.getEpochSecond();
        String payload = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"aud\":[\"" + audience
                + "\"],\"iat\":" + iat + ",\"nbf\":" + iat + ",\"exp\":" + (iat + ttl.toSeconds()) + "}";
        String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(payload);
        return signingInput + "." + URL.encodeToString(sign(key, signingInput));
    }

    private static byte[] sign(PrivateKey key, String input) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void require(String value, String what) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 of A-Z a-z 0-9 @._:+/- , got " + value);
        }
    }
}
