package dev.otter.manifest.rollout.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the complete rollout state has been read; before that, an update check could offer a
 * gray-released version to everyone. Stays UP when Redis later goes away (the last good state is kept).
 */
@Readiness
@ApplicationScoped
public class RolloutStateReadinessCheck implements HealthCheck {
    private final RolloutStateCache cache;

    public RolloutStateReadinessCheck(RolloutStateCache cache) {
        this.cache = cache;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rollout-state")
                .status(cache.isKnown())
                .withData("families", cache.size())
                .build();
    }
}
