package dev.otter.manifest.signal.health;

import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.signal.service.SignalPacer;
import dev.otter.manifest.signal.service.StreamConnections;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code /q/health/well} → {@code update-streams}: how many streams this instance holds, its cap and
 * the signals waiting to leave, for autoscaling on streams. Always UP: a full instance refuses new
 * streams but serves everything else, so it must stay ready.
 */
@Wellness
@ApplicationScoped
public class UpdateStreamsCheck implements HealthCheck {
    private final StreamConnections connections;
    private final SignalPacer pacer;
    private final int cap;

    public UpdateStreamsCheck(StreamConnections connections, SignalPacer pacer, ManifestConfig config) {
        this.connections = connections;
        this.pacer = pacer;
        this.cap = config.stream().maxConnections();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("update-streams")
                .up()
                .withData("streams", connections.size())
                .withData("max", cap)
                .withData("signal_backlog", pacer.backlog())
                .build();
    }
}
