package dev.otter.support.health;

import dev.otter.contract.KafkaTopic;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the backend readiness checks. */
@ConfigMapping(prefix = "otter.health")
public interface HealthCheckConfig {
    /** How long one backend may take to answer before it is reported DOWN. */
    @WithDefault("2s")
    Duration timeout();

    /** The Kafka check, for services that use Kafka. */
    Kafka kafka();

    /** Settings of the Kafka readiness check. */
    interface Kafka {
        /** Whether the service uses Kafka; read at build time, it adds the Kafka readiness check. */
        @WithDefault("false")
        boolean enabled();

        /** Topics (in the service's namespace) that must exist for the service to be ready. */
        Optional<List<KafkaTopic>> topics();
    }
}
