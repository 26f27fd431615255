package dev.otter.rollout.rollout;

import static dev.otter.rollout.testing.RolloutApi.action;
import static dev.otter.rollout.testing.RolloutApi.createId;
import static dev.otter.rollout.testing.RolloutApi.put;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.rollout.rollout.messaging.SnapshotPublisher;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The compiled state lands in real Redis, versioned, and only ever moves forward. */
@QuarkusTest
class SnapshotPublishTest {
    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    SnapshotPublisher publisher;

    private FamilyRolloutState stored(String family) throws Exception {
        String body = redis.hash(String.class).hget(keys.rolloutSnapshots(), family);
        return body == null ? null : json.readValue(body, FamilyRolloutState.class);
    }

    @Test
    void startPublishesTheActiveRolloutWithItsTestersAndRollbackPublishesTheBadVersions() throws Exception {
        String family = uniqueFamily();
        String group = "beta-" + family.substring(2);
        put("/api/v1/tester-groups/" + group, Map.of("install_ids", List.of("tester-1", "tester-2")))
                .statusCode(200);
        Map<String, Object> body = new HashMap<>(simpleRollout(family));
        body.put("rules", Map.of("tester_groups", List.of(group), "regions_exclude", List.of("CN")));
        body.put("watch_interval", "PT1M30S");
        String id = createId(body);
        assertThat(stored(family)).as("a draft is not published").isNull();

        action(id, "start", null).statusCode(200);
        FamilyRolloutState started = stored(family);
        assertThat(started.family()).isEqualTo(family);
        ChannelState stable = started.channels().get(0);
        assertThat(stable.channel()).isEqualTo("stable");
        assertThat(stable.defaultVersion()).isEqualTo("2.0.0");
        assertThat(stable.active().id()).isEqualTo(id);
        assertThat(stable.active().status()).isEqualTo("RUNNING");
        assertThat(stable.active().percentageBasisPoints()).isEqualTo(1_000);
        assertThat(stable.active().testerInstallIds()).containsExactly("tester-1", "tester-2");
        assertThat(stable.active().rules().regionsExclude()).containsExactly("CN");
        assertThat(stable.active().watchIntervalSeconds()).isEqualTo(90);
        assertThat(Long.parseLong(redis.hash(String.class).hget(keys.rolloutVersions(), family)))
                .isEqualTo(started.version());

        action(id, "rollback", Map.of("reason", "crash rate 6%")).statusCode(200);
        FamilyRolloutState rolledBack = stored(family);
        assertThat(rolledBack.version()).isGreaterThan(started.version());
        ChannelState after = rolledBack.channels().get(0);
        assertThat(after.active()).isNull();
        assertThat(after.rolledBack()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.versions()).containsExactly("2.1.0");
            assertThat(r.reason()).isEqualTo("crash rate 6%");
        });
    }

    @Test
    void anOlderSnapshotNeverOverwritesANewerOne() throws Exception {
        String family = uniqueFamily();
        put("/api/v1/channel-defaults/" + family + "/stable", Map.of("version", "2.1.0"))
                .statusCode(200);
        long version = stored(family).version();
        // Another writer already stored a much newer snapshot:
        redis.hash(String.class).hset(keys.rolloutVersions(), family, Long.toString(version + 1_000_000));
        publisher.publish(family).await().atMost(Duration.ofSeconds(5));
        assertThat(stored(family).version()).isEqualTo(version);
    }

    @Test
    void theFullPassMarksTheStateAsPublishedAndAnnouncesIt() {
        List<String> announced = new CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribe(keys.rolloutChanged(), announced::add);
        try {
            redis.key().del(keys.rolloutStatePublished());
            assertThat(publisher.publishAll().await().atMost(Duration.ofSeconds(10)))
                    .isTrue();
            assertThat(redis.key().exists(keys.rolloutStatePublished())).isTrue();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> announced.contains(RedisKeys.STATE_PUBLISHED_ANNOUNCEMENT));
        } finally {
            subscriber.unsubscribe();
        }
    }
}
