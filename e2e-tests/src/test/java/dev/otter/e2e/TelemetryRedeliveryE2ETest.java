package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.KafkaTopic;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No event is counted twice even when Kafka delivers it again: telemetry-service is stopped, its
 * consumer group is rewound to before a batch, and after the restart every record of that batch is
 * consumed a second time — yet the counts do not move.
 */
class TelemetryRedeliveryE2ETest {
    private static final String TOPIC = KafkaTopic.TELEMETRY_EVENTS.topicName(OtterSystem.NAMESPACE);
    private static final String GROUP = OtterSystem.NAMESPACE + "-telemetry-counter";
    private static OtterSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        system = OtterSystem.get();
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, OtterSystem.kafkaBootstrap());
        return Admin.create(props);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        List<TopicPartition> partitions =
                admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().stream()
                        .map(p -> new TopicPartition(TOPIC, p.partition()))
                        .toList();
        return admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Whether the group has committed every record up to {@code end} (partitions never written excepted). */
    private static boolean caughtUp(Admin admin, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, Long> committed = committed(admin);
        return end.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
    }

    private static JsonPath health(String rollout) {
        return Api.get(OtterSystem.telemetryUrl() + "/api/v1/telemetry/rollouts/" + rollout + "/health");
    }

    @Test
    void aRewoundConsumerDoesNotCountAgain() throws Exception {
        String rollout = "redeliver-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> before = endOffsets(admin);
            Api.report("redelivery", "1.0.0", rollout, "target", 700, 3);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> health(rollout).getInt("variants[0].sessions") == 700);
            Map<TopicPartition, Long> after = endOffsets(admin);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp(admin, after));

            system.stop("telemetry-service");
            Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
            before.forEach((p, offset) -> rewind.put(p, new OffsetAndMetadata(offset)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(GROUP, rewind).all().get();
                return true;
            });
            assertThat(caughtUp(admin, after)).as("the group was rewound").isFalse();

            system.start("telemetry-service");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(admin, after));
            JsonPath counts = health(rollout);
            System.out.printf(
                    "after redelivery: %d sessions, %d crashes%n",
                    counts.getInt("variants[0].sessions"), counts.getInt("variants[0].crashes"));
            assertThat(counts.getInt("variants[0].sessions")).isEqualTo(700);
            assertThat(counts.getInt("variants[0].crashes")).isEqualTo(3);
        }
    }
}
