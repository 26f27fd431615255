package dev.otter.telemetry.guard;

import static dev.otter.telemetry.testing.Events.report;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.telemetry.testing.Guards;
import dev.otter.telemetry.testing.TopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The guard through the real broker: clear evidence fires one trigger; thin evidence none. */
@QuarkusTest
class GuardTest {
    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    private String guardedRollout(String family) throws Exception {
        return Guards.guardedRollout(redis, keys, json, family);
    }

    @Test
    void oneCrashInThreeSessionsDoesNotTriggerButAHundredInAThousandDoesOnce() throws Exception {
        String family = "guard-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = guardedRollout(family);
        try (TopicReader triggers = new TopicReader(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace))) {
            report(family, "2.1.0", rollout, "target", "DE", 3, 1);
            List<ConsumerRecord<String, String>> none =
                    triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(3));
            assertThat(none).noneMatch(r -> rollout.equals(r.key()));
            given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                    .then()
                    .statusCode(200)
                    .body("guarded", is(true))
                    .body("verdict", is("INSUFFICIENT_DATA"))
                    .body("variants[0].sessions", is(3))
                    .body("variants[0].crashes", is(1));

            report(family, "2.1.0", rollout, "target", "DE", 997, 99);
            List<ConsumerRecord<String, String>> fired =
                    triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(10));
            ConsumerRecord<String, String> record = fired.get(fired.size() - 1);
            assertThat(record.key()).isEqualTo(rollout);
            GuardTrigger trigger = json.readValue(record.value(), GuardTrigger.class);
            assertThat(trigger.rolloutId()).isEqualTo(rollout);
            assertThat(trigger.version()).isEqualTo("2.1.0");
            assertThat(trigger.evidence().sessions()).isEqualTo(1000);
            assertThat(trigger.evidence().crashes()).isEqualTo(100);
            assertThat(trigger.evidence().lowerBound()).isGreaterThan(0.02);
            assertThat(trigger.evidence().statistic())
                    .isGreaterThanOrEqualTo(trigger.evidence().boundary());
            assertThat(trigger.evidence().boundary()).isCloseTo(17.0, org.assertj.core.api.Assertions.within(0.1));
            assertThat(trigger.evidence().signal()).isEqualTo("crash");
            assertThat(trigger.evidence().changeSessions()).isEqualTo(1000);
            assertThat(trigger.evidence().changeCrashes()).isEqualTo(100);
            assertThat(trigger.reason()).contains("is above threshold 2.00%: log-likelihood ratio");

            // More crashes, more rounds: still one trigger.
            report(family, "2.1.0", rollout, "target", "DE", 0, 20);
            List<ConsumerRecord<String, String>> more =
                    triggers.readUntil(r -> rollout.equals(r.key()), Duration.ofSeconds(3));
            assertThat(more).noneMatch(r -> rollout.equals(r.key()));
            given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                    .then()
                    .body("verdict", is("UNHEALTHY"))
                    .body("variants[0].regions[0].region", is("DE"));
        }
    }

    @Test
    void healthComparesWithTheBaselineAndSaysHealthyWhenConfidentlyLow() throws Exception {
        String family = "health-" + UUID.randomUUID().toString().substring(0, 6);
        String rollout = guardedRollout(family);
        report(family, "2.0.0", null, null, "US", 600, 1); // the baseline, outside the rollout
        report(family, "2.1.0", rollout, "target", "US", 600, 0);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "HEALTHY"
                .equals(given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                        .then()
                        .extract()
                        .path("verdict")));
        given().get("/api/v1/telemetry/rollouts/" + rollout + "/health")
                .then()
                .body("baseline.version", is("2.0.0"))
                .body("baseline.sessions", is(600))
                .body("baseline.crashes", is(1))
                .body("variants[0].upper_bound", org.hamcrest.Matchers.lessThan(0.02f));
        given().get("/api/v1/telemetry/rollouts/never-heard-of/health")
                .then()
                .statusCode(200)
                .body("guarded", is(false))
                .body("verdict", is("INSUFFICIENT_DATA"));
    }
}
