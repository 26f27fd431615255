package dev.otter.rollout.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Adds rollout-service's current short-lived token ({@link ServiceIdentity}) to its calls to
 * manifest-service and telemetry-service; none when no identity is configured (tests' stubs).
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {
    private final ServiceIdentity identity;

    public ServiceTokenHeaders(ServiceIdentity identity) {
        this.identity = identity;
    }

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        identity.token().ifPresent(token -> headers.putSingle("Authorization", "Bearer " + token));
        return headers;
    }
}
