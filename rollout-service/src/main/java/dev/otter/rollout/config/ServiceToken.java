package dev.otter.rollout.config;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The bearer token rollout-service presents to manifest-service and telemetry-service (a viewer
 * token issued to {@code service:rollout-service}), from {@code otter.rollout.service-token}
 * ({@code OTTER_SERVICE_TOKEN}). Static because REST client header expressions call a static method.
 */
public final class ServiceToken {
    private ServiceToken() {}

    /** The Authorization header value, or null (no header) when no token is configured. */
    public static String header() {
        return ConfigProvider.getConfig()
                .getOptionalValue("otter.rollout.service-token", String.class)
                .filter(token -> !token.isBlank())
                .map(token -> "Bearer " + token.strip())
                .orElse(null);
    }
}
