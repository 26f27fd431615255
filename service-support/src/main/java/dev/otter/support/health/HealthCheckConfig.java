package dev.otter.support.health;

import dev.otter.contract.KafkaTopic;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Settings of the backend health checks. */
@ConfigMapping(prefix = "otter.health")
public interface HealthCheckConfig {
    /** How long one backend may take to answer before it is reported DOWN. */
    @WithDefault("2s")
    Duration timeout();

    /**
     * Backends whose outage this service rides out (e.g. {@code postgresql,redis}): they are reported
     * in the {@code dependencies} health group, the {@code otter_backend_up} metric and its alert, but
     * do not make the pod unready. Every other backend the service uses gates readiness.
     */
    Optional<Set<String>> riddenOut();

    /** How often every backend is checked for the {@code otter_backend_up} metric. */
    @WithDefault("10s")
    Duration pollInterval();

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
