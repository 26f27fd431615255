package dev.otter.support.health;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Kafka answers and holds every topic the service needs; only in services using Kafka. */
@ApplicationScoped
@IfBuildProperty(name = "otter.health.kafka.enabled", stringValue = "true")
public class KafkaHealthCheck implements BackendHealthCheck {

    private final KafkaReadiness readiness;

    public KafkaHealthCheck(
            HealthCheckConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "otter.namespace") String namespace) {
        List<String> topics = config.kafka().topics().orElse(List.of()).stream()
                .map(topic -> topic.topicName(namespace))
                .toList();
        this.readiness = new KafkaReadiness(bootstrap, topics, config.timeout());
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return readiness.check();
    }

    @PreDestroy
    void close() {
        readiness.close();
    }

    @Override
    public String backend() {
        return "kafka";
    }
}
