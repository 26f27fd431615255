package dev.otter.sdk.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/** Each trust refusal on answers signed as manifest-service signs them, and the answer that passes. */
class AnswerTrustTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    private final AnswerTrust trust =
            new AnswerTrust(new TrustedKeys(Map.of("k1", key.generatePublicKey().getEncoded())));

    private static byte[] answer(String action, String version, long revision, String expiresAt) {
        return ("{\"decisions\":[{\"family\":\"assistant\",\"action\":\"" + action + "\",\"version\":\"" + version
                        + "\"}],\"catalog_revision\":" + revision + ",\"expires_at\":\"" + expiresAt + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String header(String kid, byte[] body) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(body, 0, body.length);
        return "keyid=" + kid + "; alg=Ed25519; sig="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
    }

    private AnswerTrust.Outcome check(byte[] body, String header, long seen, Map<String, String> installed) {
        return trust.check(new SignedAnswer(body, header), seen, installed, NOW);
    }

    @Test
    void aSignedFreshNewerAnswerIsTrustedAndParsed() {
        byte[] body = answer("UPDATE", "2.1.0", 42, "2026-12-01T01:00:00Z");
        AnswerTrust.Outcome o = check(body, header("k1", body), 41, Map.of("assistant", "2.0.0"));
        assertThat(o.trusted()).isTrue();
        assertThat(o.refusal()).isNull();
        assertThat(o.answer().path("catalog_revision").asLong()).isEqualTo(42);
    }

    @Test
    void anAnswerNotSignedByATrustedKeyOverTheseBytesIsRefusedUnparsed() {
        byte[] body = answer("UPDATE", "2.1.0", 42, "2026-12-01T01:00:00Z");
        String good = header("k1", body);
        byte[] tampered = answer("UPDATE", "6.6.6", 42, "2026-12-01T01:00:00Z");
        for (AnswerTrust.Outcome o : new AnswerTrust.Outcome[] {
            check(tampered, good, 0, Map.of()),
            check(body, header("unknown", body), 0, Map.of()),
            check(body, null, 0, Map.of()),
            check(body, good.replace("Ed25519", "HS256"), 0, Map.of()),
            check(body, "keyid=k1; alg=Ed25519; sig=not*base64", 0, Map.of())
        }) {
            assertThat(o.refusal()).isEqualTo(Refusal.SIGNATURE);
            assertThat(o.answer()).as("nothing parsed").isNull();
        }
    }

    @Test
    void anExpiredOrUndatedAnswerIsRefused() {
        byte[] old = answer("UPDATE", "2.1.0", 42, "2026-11-30T23:59:59Z");
        assertThat(check(old, header("k1", old), 0, Map.of()).refusal()).isEqualTo(Refusal.EXPIRED);
        byte[] undated = answer("UPDATE", "2.1.0", 42, "soon");
        assertThat(check(undated, header("k1", undated), 0, Map.of()).refusal()).isEqualTo(Refusal.EXPIRED);
    }

    @Test
    void anAnswerOlderThanOneAlreadySeenIsAReplay() {
        byte[] body = answer("UPDATE", "2.1.0", 41, "2026-12-01T01:00:00Z");
        assertThat(check(body, header("k1", body), 42, Map.of()).refusal()).isEqualTo(Refusal.REPLAYED);
        assertThat(check(body, header("k1", body), 41, Map.of()).trusted())
                .as("the same revision again")
                .isTrue();
    }

    @Test
    void onlyARollbackMayMoveADeviceToAnOlderModel() {
        byte[] update = answer("UPDATE", "1.9.0", 42, "2026-12-01T01:00:00Z");
        assertThat(check(update, header("k1", update), 0, Map.of("assistant", "2.0.0"))
                        .refusal())
                .isEqualTo(Refusal.DOWNGRADE);
        assertThat(check(update, header("k1", update), 0, Map.of()).trusted())
                .as("a first install of any version")
                .isTrue();
        byte[] rollback = answer("ROLLBACK", "1.9.0", 42, "2026-12-01T01:00:00Z");
        assertThat(check(rollback, header("k1", rollback), 0, Map.of("assistant", "2.0.0"))
                        .trusted())
                .isTrue();
    }

    @Test
    void theKeySetAsPublishedIsRead() throws Exception {
        String published = "{\"keys\":[{\"kid\":\"k1\",\"alg\":\"Ed25519\",\"public_key\":\""
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(key.generatePublicKey().getEncoded())
                + "\"}]}";
        AnswerTrust fromKeySet = new AnswerTrust(TrustedKeys.parse(published.getBytes(StandardCharsets.UTF_8)));
        byte[] body = answer("UPDATE", "2.1.0", 42, "2026-12-01T01:00:00Z");
        assertThat(fromKeySet
                        .check(new SignedAnswer(body, header("k1", body)), 0, Map.of(), NOW)
                        .trusted())
                .isTrue();
    }
}
