package dev.otter.rollout.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A service starting against an empty Redis publishes the complete state as it starts, without
 * waiting for the periodic republish (which a slow start used to push a whole interval later,
 * keeping every manifest-service unready for ~20 s).
 */
@QuarkusTest
@TestProfile(StartupPublishTest.EmptyNamespaceNoRepublish.class)
class StartupPublishTest {

    /**
     * Redis names no other test has written, and no scheduler at all, so the periodic republish
     * cannot be what publishes; Kafka keeps the usual topic and group (the broker creates no topics
     * on demand).
     */
    public static class EmptyNamespaceNoRepublish implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "otter.namespace", "otter-test-sp" + System.nanoTime() % 100_000,
                    "quarkus.scheduler.enabled", "false",
                    "mp.messaging.incoming.guard-triggers.topic", "${OTTER_NAMESPACE:otter}.rollout.guard-triggers",
                    "mp.messaging.incoming.guard-triggers.group.id", "${OTTER_NAMESPACE:otter}-rollout-service");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void theStateIsMarkedPublishedRightAfterStart() {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.key().exists(keys.rolloutStatePublished()));
        assertThat(redis.value(String.class).get(keys.rolloutStatePublished())).isNotBlank();
    }
}
