package dev.otter.rollout.guard;

import static dev.otter.rollout.testing.RolloutApi.action;
import static dev.otter.rollout.testing.RolloutApi.createId;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.rollout.testing.Triggers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Rollback triggers arrive through the real broker and are applied exactly once. */
@QuarkusTest
class GuardTriggerTest {
    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    private void send(GuardTrigger trigger) throws Exception {
        Triggers.send(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace), json, trigger);
    }

    private static GuardTrigger trigger(String rolloutId) {
        return new GuardTrigger(
                UUID.randomUUID().toString(),
                rolloutId,
                null,
                "target",
                "2.1.0",
                "crash rate lower bound 3.82% > threshold 2%",
                new GuardTrigger.Evidence(
                        1000,
                        50,
                        0.05,
                        0.0382,
                        0.0653,
                        0.02,
                        4000,
                        8,
                        0.002,
                        0.01,
                        1800,
                        17.2,
                        15.9,
                        0.02,
                        1000,
                        50,
                        3,
                        "crash",
                        java.util.List.of(new GuardTrigger.SignalEvidence(
                                "crash",
                                "enforce",
                                dev.otter.contract.telemetry.Verdict.UNHEALTHY,
                                50,
                                1000,
                                0.02,
                                0.02,
                                17.2,
                                15.9,
                                50,
                                1000,
                                3))),
                Instant.now());
    }

    @Test
    void aTriggerRollsTheRolloutBackOnceWithItsEvidence() throws Exception {
        String id = createId(simpleRollout(uniqueFamily()));
        action(id, "start", null).statusCode(200);
        assertThat(redis.hash(String.class).hget(keys.rolloutGuards(), id)).contains("\"crash_rate_threshold\":0.02");

        GuardTrigger first = trigger(id);
        send(first);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "ROLLED_BACK"
                .equals(given().get("/api/v1/rollouts/" + id).then().extract().path("status")));
        given().get("/api/v1/rollouts/" + id)
                .then()
                .body("end_reason", containsString("automatic rollback by the guard"));
        given().get("/api/v1/rollouts/" + id + "/audit")
                .then()
                .body("[0].action", is("ROLLBACK"))
                .body("[0].actor", is("guard:telemetry"))
                .body("[0].detail", containsString("\"lower_bound\":0.0382"))
                .body("[0].detail", containsString("\"sessions\":1000"))
                // the test that decided and every signal as judged then
                .body("[0].detail", containsString("\"statistic\":17.2"))
                .body("[0].detail", containsString("\"signal\":\"crash\""))
                .body("[0].detail", containsString("\"mode\":\"enforce\""));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> redis.hash(String.class).hget(keys.rolloutGuards(), id) == null);

        // The same trigger again (a redelivery) and another one: nothing changes, both are recorded.
        send(first);
        send(trigger(id));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(
                        "/api/v1/rollouts/" + id + "/guard-triggers")
                .then()
                .extract()
                .path("size()")
                .equals(2));
        given().get("/api/v1/rollouts/" + id + "/guard-triggers")
                .then()
                .body("outcome", contains("APPLIED", "IGNORED"))
                .body("[0].evidence.signal", is("crash"))
                .body("[0].evidence.statistic", is(17.2f))
                .body("[0].evidence.signals[0].verdict", is("UNHEALTHY"))
                .body("[0].evidence.signals[0].change_trials", is(1000));
        given().get("/api/v1/rollouts/" + id + "/audit?limit=1000")
                .then()
                .body("findAll { it.action == 'ROLLBACK' }.size()", is(1));
    }

    @Test
    void aTriggerForAnUnknownRolloutIsIgnoredAndConsumptionGoesOn() throws Exception {
        send(trigger("no-such-rollout"));
        String id = createId(simpleRollout(uniqueFamily()));
        action(id, "start", null).statusCode(200);
        send(trigger(id));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "ROLLED_BACK"
                .equals(given().get("/api/v1/rollouts/" + id).then().extract().path("status")));
    }

    @Test
    void aSegmentTriggerExcludesTheRegionAndTheRolloutRunsOn() throws Exception {
        java.util.Map<String, Object> body = new java.util.HashMap<>(simpleRollout(uniqueFamily()));
        body.put("guard", java.util.Map.of("exclude_segments", true));
        String id = createId(body);
        given().get("/api/v1/rollouts/" + id).then().body("guard.exclude_segments", is(true));
        action(id, "start", null).statusCode(200);

        GuardTrigger exclude = excludeRegion(id, "BR");
        send(exclude);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !given().get("/api/v1/rollouts/" + id)
                .then()
                .extract()
                .<java.util.List<Object>>path("excluded_segments")
                .isEmpty());
        given().get("/api/v1/rollouts/" + id)
                .then()
                .body("status", is("RUNNING"))
                .body("rules.regions_exclude", contains("BR"))
                .body("excluded_segments[0].dimension", is("REGION"))
                .body("excluded_segments[0].value", is("BR"))
                .body("excluded_segments[0].reason", containsString("region BR"));
        given().get("/api/v1/rollouts/" + id + "/audit")
                .then()
                .body("[0].action", is("EXCLUDE_SEGMENT"))
                .body("[0].actor", is("guard:telemetry"))
                .body("[0].detail", containsString("\"segments\":[{\"dimension\":\"REGION\",\"value\":\"BR\""))
                .body("[0].after.rules.regions_exclude", contains("BR"));
        // published: manifest-services send the region's devices back, telemetry stops judging it
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            String guard = redis.hash(String.class).hget(keys.rolloutGuards(), id);
            return guard != null && guard.contains("\"excluded_regions\":[\"BR\"]");
        });
        assertThat(redis.hash(String.class).hget(keys.rolloutGuards(), id)).contains("\"exclude_segments\":true");

        // The same region again: ignored, recorded; a rollback still rolls the rest back.
        send(excludeRegion(id, "BR"));
        send(trigger(id));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "ROLLED_BACK"
                .equals(given().get("/api/v1/rollouts/" + id).then().extract().path("status")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(
                        "/api/v1/rollouts/" + id + "/guard-triggers")
                .then()
                .extract()
                .path("size()")
                .equals(3));
        given().get("/api/v1/rollouts/" + id + "/guard-triggers")
                .then()
                .body("outcome", contains("APPLIED", "IGNORED", "APPLIED"))
                .body("[0].detail", containsString("automatic exclusion by the guard"));
    }

    @Test
    void aSegmentOfAnotherDimensionIsExcludedWithoutTouchingTheCohortRules() throws Exception {
        java.util.Map<String, Object> body = new java.util.HashMap<>(simpleRollout(uniqueFamily()));
        body.put("guard", java.util.Map.of("exclude_segments", true));
        String id = createId(body);
        action(id, "start", null).statusCode(200);

        send(exclude(id, "OS_MAJOR", "iOS 17"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !given().get("/api/v1/rollouts/" + id)
                .then()
                .extract()
                .<java.util.List<Object>>path("excluded_segments")
                .isEmpty());
        given().get("/api/v1/rollouts/" + id)
                .then()
                .body("status", is("RUNNING"))
                .body("rules.regions_exclude", org.hamcrest.Matchers.empty())
                .body("excluded_segments[0].dimension", is("OS_MAJOR"))
                .body("excluded_segments[0].value", is("ios 17"));
        // published: every dimension for telemetry, the regions alone again for older readers
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            String guard = redis.hash(String.class).hget(keys.rolloutGuards(), id);
            return guard != null && guard.contains("\"dimension\":\"OS_MAJOR\",\"value\":\"ios 17\"");
        });
        assertThat(redis.hash(String.class).hget(keys.rolloutGuards(), id)).contains("\"excluded_regions\":[]");
        // the same range again (any spelling): ignored
        send(exclude(id, "OS_MAJOR", "ios 17"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(
                        "/api/v1/rollouts/" + id + "/guard-triggers")
                .then()
                .extract()
                .path("size()")
                .equals(2));
        given().get("/api/v1/rollouts/" + id + "/guard-triggers")
                .then()
                .body("outcome", contains("APPLIED", "IGNORED"));
    }

    private static GuardTrigger excludeRegion(String rolloutId, String region) {
        return exclude(rolloutId, "REGION", region);
    }

    private static GuardTrigger exclude(String rolloutId, String dimension, String region) {
        GuardTrigger t = trigger(rolloutId);
        GuardTrigger.Evidence e = t.evidence();
        GuardTrigger.Evidence withSegments = new GuardTrigger.Evidence(
                e.sessions(),
                e.crashes(),
                e.rate(),
                e.lowerBound(),
                e.upperBound(),
                e.threshold(),
                e.baselineSessions(),
                e.baselineCrashes(),
                e.baselineRate(),
                e.baselineMargin(),
                e.windowSeconds(),
                e.statistic(),
                e.boundary(),
                e.testedAgainst(),
                e.changeSessions(),
                e.changeCrashes(),
                e.changeMinutes(),
                "crash",
                e.signals(),
                java.util.List.of(new GuardTrigger.SegmentEvidence(
                        dimension,
                        region,
                        dev.otter.contract.telemetry.Verdict.UNHEALTHY,
                        "crash",
                        60,
                        400,
                        31.2,
                        20.0,
                        dev.otter.contract.telemetry.Verdict.HEALTHY)));
        return new GuardTrigger(
                UUID.randomUUID().toString(),
                rolloutId,
                null,
                "target",
                "2.1.0",
                "target 2.1.0: " + dimension.toLowerCase(java.util.Locale.ROOT) + " " + region
                        + ": crash rate 15% above 2%; the rest is healthy",
                withSegments,
                Instant.now(),
                new GuardTrigger.Segment(dimension, region));
    }
}
