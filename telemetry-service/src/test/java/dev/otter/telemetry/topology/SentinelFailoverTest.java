package dev.otter.telemetry.topology;

import static dev.otter.telemetry.testing.Events.crash;
import static dev.otter.telemetry.testing.Events.post;
import static dev.otter.telemetry.testing.Events.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.telemetry.guard.service.WindowCounts;
import dev.otter.telemetry.testing.Guards;
import dev.otter.telemetry.testing.RolloutTotals;
import dev.otter.telemetry.testing.TopicReader;
import dev.otter.testsupport.redis.RedisSentinel;
import dev.otter.testsupport.redis.RedisSentinelResource;
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
 * telemetry-service through a Sentinel while the Redis primary is killed (SIGKILL) mid-stream and
 * the replica promoted: every accepted event is counted exactly once, and the guard fires once.
 */
@QuarkusTest
@TestProfile(ThroughSentinel.class)
class SentinelFailoverTest {
    private static final int BATCHES = 40;
    private static final int PER_BATCH = 25;
    private static final int CRASHES_PER_BATCH = 5;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    WindowCounts counts;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    private long count(String rollout, String metric) {
        try {
            return RolloutTotals.of(counts, rollout, metric);
        } catch (RuntimeException redisNotBackYet) {
            return -1;
        }
    }

    @Test
    void aFailoverMidStreamLosesNoCountAndCountsNothingTwice() throws Exception {
        RedisSentinel topology = RedisSentinelResource.topology();
        String family = "failover-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = Guards.guardedRollout(redis, keys, json, family);
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            List<Map<String, Object>> resend = null;
            for (int b = 0; b < BATCHES; b++) {
                if (b == BATCHES / 2) {
                    topology.failOver(); // the primary dies with counts in flight; the replica takes over
                }
                if (b == 3 * BATCHES / 4) {
                    topology.rejoin(); // the old primary comes back as the new one's replica
                }
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int i = 0; i < PER_BATCH; i++) {
                    // crashes only once the topology is whole again, so the guard decides after the failover
                    batch.add(
                            b >= 3 * BATCHES / 4 && i < CRASHES_PER_BATCH
                                    ? crash(family, "2.1.0", rollout, "target", "DE")
                                    : session(family, "2.1.0", rollout, "target", "DE"));
                }
                // ingestion needs only Kafka: every batch is accepted whatever Redis is doing
                post(batch).statusCode(202);
                if (b == BATCHES / 2 - 1) {
                    resend = batch;
                }
            }
            post(resend).statusCode(202); // a device re-sends a batch from just before the failover

            long crashes = (long) (BATCHES - 3 * BATCHES / 4) * CRASHES_PER_BATCH;
            long sessions = (long) BATCHES * PER_BATCH - crashes;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> count(rollout, "sessions") == sessions && count(rollout, "fatal") == crashes);
            Awaitility.await()
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> count(rollout, "sessions") == sessions && count(rollout, "fatal") == crashes);

            List<ConsumerRecord<String, String>> fired =
                    triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> mine =
                    fired.stream().filter(r -> rollout.equals(r.key())).toList();
            assertThat(mine).hasSize(1);
            GuardTrigger trigger = json.readValue(mine.get(0).value(), GuardTrigger.class);
            assertThat(trigger.rolloutId()).isEqualTo(rollout);
        }
    }
}
