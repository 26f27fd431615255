package dev.otter.rollout.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Adds rollout-service's own bearer token ({@code otter.rollout.service-token}) to its calls to
 * manifest-service and telemetry-service; none when no token is configured (tests' stubs).
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {
    private final Optional<String> authorization;

    public ServiceTokenHeaders(RolloutConfig config) {
        this.authorization = config.serviceToken()
                .map(String::strip)
                .filter(token -> !token.isEmpty())
                .map(token -> "Bearer " + token);
    }

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        authorization.ifPresent(value -> headers.putSingle("Authorization", value));
        return headers;
    }
}
