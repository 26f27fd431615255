package dev.otter.support.device;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the device app keys have been loaded: before that every device request is refused. Stays
 * UP through a later Redis outage (the last loaded set stays in force). Always UP in services that do
 * not admit devices by app key.
 */
@Readiness
@ApplicationScoped
public class AppKeysReadinessCheck implements HealthCheck {
    private final AppKeyRegistry registry;
    private final DeviceConfig config;

    public AppKeysReadinessCheck(AppKeyRegistry registry, DeviceConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("app-keys")
                .status(!config.requireAppKey() || registry.isLoaded())
                .withData("required", config.requireAppKey())
                .build();
    }
}
