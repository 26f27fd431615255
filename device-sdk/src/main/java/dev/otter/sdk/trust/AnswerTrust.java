package dev.otter.sdk.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.sdk.version.Versions;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Decides whether a device may believe an update-check answer: the signature is checked on the
 * exact bytes before anything is parsed, then the expiry, the catalog revision against the highest
 * one seen, and that no decision moves a model backwards except a ROLLBACK.
 */
public final class AnswerTrust {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrustedKeys keys;

    public AnswerTrust(TrustedKeys keys) {
        this.keys = keys;
    }

    /** What {@link #check} found: the parsed answer, or why it is refused. */
    public static final class Outcome {
        private final JsonNode answer;
        private final Refusal refusal;

        private Outcome(JsonNode answer, Refusal refusal) {
            this.answer = answer;
            this.refusal = refusal;
        }

        /** Whether the answer can be acted on. */
        public boolean trusted() {
            return refusal == null;
        }

        /** Why it cannot, or null. */
        public Refusal refusal() {
            return refusal;
        }

        /** The answer, parsed; null unless its signature held. */
        public JsonNode answer() {
            return answer;
        }
    }

    /**
     * Checks an answer.
     *
     * @param highestRevisionSeen the highest {@code catalog_revision} of an answer the device trusted
     * @param installed the version the device runs, by model family (a family it does not have: absent)
     */
    public Outcome check(SignedAnswer answer, long highestRevisionSeen, Map<String, String> installed, Instant now) {
        if (!signed(answer.bytes(), answer.signature())) {
            return new Outcome(null, Refusal.SIGNATURE);
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.bytes());
        } catch (IOException e) {
            return new Outcome(null, Refusal.SIGNATURE); // signed nonsense is still nothing to act on
        }
        Refusal refusal = expired(json, now)
                ? Refusal.EXPIRED
                : json.path("catalog_revision").asLong() < highestRevisionSeen
                        ? Refusal.REPLAYED
                        : downgrade(json, installed) ? Refusal.DOWNGRADE : null;
        return new Outcome(json, refusal);
    }

    private static boolean expired(JsonNode json, Instant now) {
        if (!json.hasNonNull("expires_at")) {
            return true;
        }
        try {
            return Instant.parse(json.path("expires_at").asText()).isBefore(now);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    // Only a signed ROLLBACK may move a device to an older model.
    private static boolean downgrade(JsonNode json, Map<String, String> installed) {
        for (JsonNode d : json.path("decisions")) {
            String has = installed.get(d.path("family").asText());
            if ("UPDATE".equals(d.path("action").asText())
                    && has != null
                    && d.hasNonNull("version")
                    && Versions.compare(d.path("version").asText(), has) < 0) {
                return true;
            }
        }
        return false;
    }

    private boolean signed(byte[] body, String header) {
        if (header == null) {
            return false;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        byte[] key = keys.key(parts.get("keyid"));
        if (key == null || !"Ed25519".equals(parts.get("alg")) || parts.get("sig") == null) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(key, 0));
            verifier.update(body, 0, body.length);
            return verifier.verifySignature(Base64.getUrlDecoder().decode(parts.get("sig")));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
