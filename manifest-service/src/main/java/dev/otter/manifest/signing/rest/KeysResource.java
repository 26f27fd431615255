package dev.otter.manifest.signing.rest;

import dev.otter.manifest.signing.service.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys devices verify answers with: the active key and, during a rotation, previous ones. */
@Path("/.well-known/otter-keys.json")
@Tag(name = "Devices")
@PermitAll
public class KeysResource {
    private final SigningKeys keys;

    public KeysResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ed25519 public keys (key id, base64url raw key, active or previous)")
    public Map<String, List<SigningKeys.PublishedKey>> keys() {
        return Map.of("keys", keys.published());
    }
}
