package dev.otter.sdk.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Ed25519 public keys a device trusts, by key id: shipped with the app (pinned) or read from
 * {@code /.well-known/otter-keys.json} over a connection the app already trusts.
 */
public final class TrustedKeys {
    private final Map<String, byte[]> keys;

    public TrustedKeys(Map<String, byte[]> keys) {
        Map<String, byte[]> copy = new HashMap<>();
        keys.forEach((kid, key) -> copy.put(kid, key.clone()));
        this.keys = Map.copyOf(copy);
    }

    /** The keys of a key set as Otter publishes it: {@code {"keys": [{"kid", "public_key" (base64url)}]}}. */
    public static TrustedKeys parse(byte[] keySet) throws IOException {
        JsonNode json = new ObjectMapper().readTree(keySet);
        Map<String, byte[]> keys = new HashMap<>();
        for (JsonNode k : json.path("keys")) {
            keys.put(
                    k.path("kid").asText(),
                    Base64.getUrlDecoder().decode(k.path("public_key").asText()));
        }
        return new TrustedKeys(keys);
    }

    /** The key with this id, or null. */
    byte[] key(String kid) {
        return kid == null ? null : keys.get(kid);
    }
}
