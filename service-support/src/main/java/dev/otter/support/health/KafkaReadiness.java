package dev.otter.support.health;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Checks that the Kafka cluster answers and holds every topic the service needs. Not a bean: a
 * service that uses Kafka declares a readiness bean that owns one of these and closes it.
 */
public final class KafkaReadiness implements AutoCloseable {
    private final Admin admin;
    private final String bootstrap;
    private final List<String> requiredTopics;
    private final Duration timeout;

    public KafkaReadiness(String bootstrap, List<String> requiredTopics, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "otter-readiness");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(props);
        this.bootstrap = bootstrap;
        this.requiredTopics = List.copyOf(requiredTopics);
        this.timeout = timeout;
    }

    /** One readiness answer named {@code kafka}. */
    public Uni<HealthCheckResponse> check() {
        int millis = (int) timeout.toMillis();
        return BackendCheck.run("kafka", bootstrap, timeout, () -> Uni.createFrom()
                .completionStage(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                        .clusterId()
                        .toCompletionStage())
                .chain(clusterId -> Uni.createFrom()
                        .completionStage(admin.listTopics(new ListTopicsOptions().timeoutMs(millis))
                                .names()
                                .toCompletionStage())
                        .map(existing -> verifyTopics(clusterId, existing))));
    }

    private Map<String, String> verifyTopics(String clusterId, Set<String> existing) {
        Set<String> missing = new TreeSet<>(requiredTopics);
        missing.removeAll(existing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing topics " + missing);
        }
        return Map.of("clusterId", clusterId, "topics", String.join(",", new TreeSet<>(requiredTopics)));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
