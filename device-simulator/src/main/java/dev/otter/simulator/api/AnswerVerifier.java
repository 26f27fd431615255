package dev.otter.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What a device checks before it believes an update-check answer (TUF's threats): an Ed25519
 * signature by a published key over the exact bytes (arbitrary answers), an expiry in the future
 * (a frozen feed), and a catalog revision not older than one already seen (a replayed answer).
 */
public final class AnswerVerifier {
    private final Map<String, byte[]> keys;

    public AnswerVerifier(Map<String, byte[]> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** The key set published at {@code /.well-known/otter-keys.json}. */
    public static AnswerVerifier fetch(OtterClient otter) {
        Map<String, byte[]> keys = new HashMap<>();
        for (JsonNode k :
                otter.catalog("GET", "/.well-known/otter-keys.json", null).path("keys")) {
            keys.put(
                    k.path("kid").asText(),
                    Base64.getUrlDecoder().decode(k.path("public_key").asText()));
        }
        return new AnswerVerifier(keys);
    }

    /** Why an answer must be refused, or null when it can be trusted. The signature is checked before anything is parsed. */
    public String refusal(OtterClient.SignedAnswer answer, long highestRevisionSeen, Instant now) {
        if (!signed(answer.body(), answer.signature())) {
            return "signature";
        }
        JsonNode json = answer.json();
        if (!json.hasNonNull("expires_at")
                || Instant.parse(json.path("expires_at").asText()).isBefore(now)) {
            return "expired";
        }
        if (json.path("catalog_revision").asLong() < highestRevisionSeen) {
            return "replayed";
        }
        return null;
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
        byte[] key = keys.get(parts.get("keyid"));
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
