package dev.otter.telemetry.topology;

import static dev.otter.telemetry.testing.Events.post;
import static dev.otter.telemetry.testing.Events.report;
import static dev.otter.telemetry.testing.Events.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.telemetry.aggregate.service.RollupJob;
import dev.otter.telemetry.guard.service.WindowCounts;
import dev.otter.telemetry.testing.Guards;
import dev.otter.telemetry.testing.HistoryTotals;
import dev.otter.telemetry.testing.RolloutTotals;
import dev.otter.telemetry.testing.TopicReader;
import dev.otter.testsupport.redis.RedisCluster;
import dev.otter.testsupport.redis.RedisNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * telemetry-service on a real three-master Redis Cluster: every script touches one slot, counts
 * are exact with re-sent batches, the guard fires once, and the counters spread over the masters.
 */
@QuarkusTest
@TestProfile(OnRedisCluster.class)
class RedisClusterTest {
    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    WindowCounts counts;

    @Inject
    RollupJob rollup;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    private long sessions(String rollout) {
        return RolloutTotals.of(counts, rollout, "sessions");
    }

    @Test
    void manyRolloutsAreCountedExactlyAcrossTheMastersWithResentBatches() {
        List<String> rollouts = new ArrayList<>();
        for (int r = 0; r < 12; r++) {
            String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
            rollouts.add(rollout);
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                batch.add(session("cluster", "2.1.0", rollout, "target", "DE"));
            }
            post(batch).statusCode(202);
            post(batch).statusCode(202); // re-sent: the client did not see the 202
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rollouts.stream()
                .allMatch(r -> sessions(r) == 25));
        // no late second count either
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rollouts.stream().allMatch(r -> sessions(r) == 25));
        // the counters live on more than one master: the cluster really shards them
        RedisCluster cluster = RedisCluster.get();
        long holding = cluster.nodes().stream()
                .filter(node ->
                        !node.cli("--scan", "--pattern", namespace + ":tel:r:*").isEmpty())
                .count();
        assertThat(holding).isGreaterThan(1);
        // and the roll-up reads them back from every node into history
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            rollup.rollup().await().atMost(Duration.ofSeconds(10));
            return HistoryTotals.of("cluster", "2.1.0", "sessions") == 12 * 25;
        });
    }

    @Test
    void theGuardFiresOnceOnTheCluster() throws Exception {
        String family = "cluster-guard-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = Guards.guardedRollout(redis, keys, json, family);
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            report(family, "2.1.0", rollout, "target", "DE", 1000, 100);
            List<ConsumerRecord<String, String>> fired =
                    triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(20));
            GuardTrigger trigger = json.readValue(fired.get(fired.size() - 1).value(), GuardTrigger.class);
            assertThat(trigger.rolloutId()).isEqualTo(rollout);
            assertThat(trigger.evidence().sessions()).isEqualTo(1000);
            assertThat(trigger.evidence().crashes()).isEqualTo(100);
            report(family, "2.1.0", rollout, "target", "DE", 0, 20);
            assertThat(triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(3)))
                    .noneMatch(r -> rollout.equals(r.key()));
        }
    }

    @Test
    void theRolloutStateKeysShareOneSlot() {
        RedisNode any = RedisCluster.get().nodes().get(0);
        String slot = any.cli("CLUSTER", "KEYSLOT", keys.rolloutSnapshots());
        assertThat(any.cli("CLUSTER", "KEYSLOT", keys.rolloutVersions())).isEqualTo(slot);
        assertThat(any.cli("CLUSTER", "KEYSLOT", keys.rolloutGuards())).isEqualTo(slot);
    }
}
