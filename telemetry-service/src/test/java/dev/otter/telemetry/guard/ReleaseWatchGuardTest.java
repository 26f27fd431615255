package dev.otter.telemetry.guard;

import static dev.otter.telemetry.testing.Events.postAll;
import static dev.otter.telemetry.testing.Events.session;
import static dev.otter.telemetry.testing.Events.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.telemetry.guard.service.GuardEvaluator;
import dev.otter.telemetry.testing.Events;
import dev.otter.telemetry.testing.TopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A version that reached devices without a rollout, watched against the version it replaced from
 * the family's counters (events without a rollout id): worse on an enforced signal, one revert
 * trigger naming the watch goes through the real broker; as good, none.
 */
@QuarkusTest
class ReleaseWatchGuardTest {
    private static final int SESSIONS = 600;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    GuardEvaluator evaluator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    @Test
    void aPinnedVersionThatCrashesMoreThanTheOneItReplacedIsReverted() throws Exception {
        String family = "watch-" + UUID.randomUUID().toString().substring(0, 6);
        String watch = publishWatch(family);
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            List<Map<String, Object>> events = sessions(family, "2.0.0");
            events.addAll(sessions(family, "2.1.0"));
            for (int i = 0; i < SESSIONS / 10; i++) {
                events.add(Events.crash(family, "2.1.0", null, null, "DE"));
            }
            postAll(events);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "UNHEALTHY".equals(verdict(watch)));
            given().get("/api/v1/telemetry/release-watches/" + watch + "/health")
                    .then()
                    .body("baseline.version", is("2.0.0"))
                    .body("baseline.sessions", is(SESSIONS))
                    .body("variants[0].version", is("2.1.0"))
                    .body("variants[0].sessions", is(SESSIONS))
                    .body("variants[0].crashes", is(SESSIONS / 10))
                    .body("variants[0].decided_by", is("crash"));

            // fired by the round that follows counting (every second), not only by the 15 s sweep
            List<ConsumerRecord<String, String>> fired =
                    triggers.readUntil(r -> watch.equals(r.key()), Duration.ofSeconds(10));
            assertThat(evaluator.evaluateWatches(List.of(watch)).await().atMost(Duration.ofSeconds(10)))
                    .as("fired once")
                    .isZero();
            assertThat(fired).filteredOn(r -> watch.equals(r.key())).hasSize(1);
            GuardTrigger trigger = json.readValue(
                    fired.stream()
                            .filter(r -> watch.equals(r.key()))
                            .findFirst()
                            .orElseThrow()
                            .value(),
                    GuardTrigger.class);
            assertThat(trigger.watchId()).isEqualTo(watch);
            assertThat(trigger.rolloutId()).isNull();
            assertThat(trigger.version()).isEqualTo("2.1.0");
            assertThat(trigger.evidence().signal()).isEqualTo("crash");
            assertThat(trigger.evidence().sessions()).isEqualTo(SESSIONS);
            assertThat(trigger.evidence().crashes()).isEqualTo(SESSIONS / 10);
            assertThat(trigger.evidence().baselineSessions()).isEqualTo(SESSIONS);
            assertThat(trigger.evidence().statistic())
                    .isGreaterThanOrEqualTo(trigger.evidence().boundary());
        }
    }

    @Test
    void aVersionThatFailsToLoadIsRevertedOnThatSignal() throws Exception {
        String family = "watch-load-" + UUID.randomUUID().toString().substring(0, 6);
        String watch = publishWatch(family);
        List<Map<String, Object>> events = sessions(family, "2.0.0");
        events.addAll(sessions(family, "2.1.0"));
        for (int i = 0; i < SESSIONS; i++) { // at least the guard's 500 trials
            events.add(update(family, "2.1.0", null, null, "DE", i < SESSIONS / 2 ? "load_failed" : "applied"));
        }
        postAll(events);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "UNHEALTHY".equals(verdict(watch)));
        given().get("/api/v1/telemetry/release-watches/" + watch + "/health")
                .then()
                .body("variants[0].decided_by", is("load_failure"));
    }

    @Test
    void aVersionAsGoodAsTheOneItReplacedIsLeftAlone() throws Exception {
        String family = "watch-ok-" + UUID.randomUUID().toString().substring(0, 6);
        String watch = publishWatch(family);
        List<Map<String, Object>> events = sessions(family, "2.0.0");
        events.addAll(sessions(family, "2.1.0"));
        postAll(events);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "HEALTHY".equals(verdict(watch)));
        assertThat(evaluator.evaluateWatches(List.of(watch)).await().atMost(Duration.ofSeconds(10)))
                .isZero();
    }

    @Test
    void anUnknownWatchHasNoHealth() {
        given().get("/api/v1/telemetry/release-watches/no-such-watch/health")
                .then()
                .statusCode(404)
                .body("code", is("RELEASE_WATCH_NOT_FOUND"));
    }

    private String publishWatch(String family) throws Exception {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ReleaseWatch watch = new ReleaseWatch(
                id,
                family,
                "stable",
                "2.1.0",
                "2.0.0",
                ReleaseWatch.Cause.PINNED,
                now,
                now.plus(Duration.ofDays(1)),
                GuardSettings.DEFAULT);
        redis.hash(String.class).hset(keys.releaseWatches(), id, json.writeValueAsString(watch));
        return id;
    }

    private static List<Map<String, Object>> sessions(String family, String version) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            out.add(session(family, version, null, null, "DE"));
        }
        return out;
    }

    private static String verdict(String watch) {
        return given().get("/api/v1/telemetry/release-watches/" + watch + "/health")
                .then()
                .statusCode(200)
                .extract()
                .path("variants[0].verdict");
    }
}
