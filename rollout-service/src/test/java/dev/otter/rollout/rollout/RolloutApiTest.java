package dev.otter.rollout.rollout;

import static dev.otter.rollout.testing.RolloutApi.ACTOR;
import static dev.otter.rollout.testing.RolloutApi.action;
import static dev.otter.rollout.testing.RolloutApi.create;
import static dev.otter.rollout.testing.RolloutApi.createId;
import static dev.otter.rollout.testing.RolloutApi.put;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.otter.contract.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RolloutApiTest {
    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void createStartAdvanceAndComplete() {
        String family = uniqueFamily();
        String id = create(simpleRollout(family))
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/rollouts/[0-9a-f-]{36}"))
                .body("status", is("DRAFT"))
                .body("variants[0].name", is("target"))
                .body("variants[0].version", is("2.1.0"))
                .body("salt", matchesPattern("[0-9a-f]{32}"))
                .body("stages.percentage", contains(10, 50, 100))
                .body("stages[1].min_bake", is("PT1H"))
                .body("watch_interval", is("PT2M"))
                .body("guard.crash_rate_threshold", is(0.02f))
                .body("current_stage", nullValue())
                .extract()
                .path("id");

        action(id, "start", null)
                .statusCode(200)
                .body("status", is("RUNNING"))
                .body("percentage", is(10))
                .body("current_stage.index", is(0))
                .body("current_stage.of", is(3))
                .body("started_at", notNullValue());
        // The first start pinned the channel default to the baseline.
        given().get("/api/v1/channel-defaults/" + family).then().statusCode(200).body("version", contains("2.0.0"));

        action(id, "advance", null).statusCode(200).body("percentage", is(50)).body("current_stage.index", is(1));
        action(id, "advance", null).statusCode(409).body("code", is("STAGE_NOT_BAKED"));
        action(id, "advance", Map.of("force", true, "reason", "hotfix needed everywhere"))
                .statusCode(200)
                .body("percentage", is(100));
        action(id, "advance", Map.of("force", true)).statusCode(409).body("code", is("NO_NEXT_STAGE"));

        action(id, "complete", null)
                .statusCode(200)
                .body("status", is("COMPLETED"))
                .body("winner", is("target"));
        given().get("/api/v1/channel-defaults/" + family).then().body("version", contains("2.1.0"));
        action(id, "pause", null).statusCode(409).body("code", is("ILLEGAL_TRANSITION"));
    }

    @Test
    void pauseResumePercentageAndRollback() {
        String id = createId(simpleRollout(uniqueFamily()));
        action(id, "pause", null).statusCode(409).body("code", is("ILLEGAL_TRANSITION"));
        action(id, "start", null).statusCode(200);
        action(id, "pause", Map.of("reason", "investigating")).statusCode(200).body("status", is("PAUSED"));
        action(id, "advance", null).statusCode(409).body("code", is("ILLEGAL_TRANSITION"));
        put("/api/v1/rollouts/" + id + "/percentage", Map.of("percentage", 2.5))
                .statusCode(200)
                .body("percentage", is(2.5f));
        put("/api/v1/rollouts/" + id + "/percentage", Map.of("percentage", 2.555))
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"));
        put("/api/v1/rollouts/" + id + "/percentage", Map.of("percentage", 101)).statusCode(400);
        action(id, "resume", null).statusCode(200).body("status", is("RUNNING"));
        action(id, "rollback", Map.of()).statusCode(400).body("errors[0].field", is("reason"));
        action(id, "rollback", Map.of("reason", "crashes on Pixel 6"))
                .statusCode(200)
                .body("status", is("ROLLED_BACK"))
                .body("end_reason", is("crashes on Pixel 6"));
        action(id, "resume", null).statusCode(409).body("code", is("ILLEGAL_TRANSITION"));
        action(id, "start", null).statusCode(409).body("code", is("ILLEGAL_TRANSITION"));
        put("/api/v1/rollouts/" + id + "/rules", Map.of("rules", Map.of()))
                .statusCode(409)
                .body("code", is("ROLLOUT_FINAL"));
    }

    @Test
    void onlyOneActiveRolloutPerFamilyAndChannel() {
        String family = uniqueFamily();
        String first = createId(simpleRollout(family));
        String second = createId(simpleRollout(family));
        Map<String, Object> beta = new HashMap<>(simpleRollout(family));
        beta.put("channel", "beta");
        String onBeta = createId(beta);
        action(first, "start", null).statusCode(200);
        action(second, "start", null)
                .statusCode(409)
                .body("code", is("ROLLOUT_CONFLICT"))
                .body("detail", org.hamcrest.Matchers.containsString(first));
        action(onBeta, "start", null).statusCode(200);
        action(first, "rollback", Map.of("reason", "make room")).statusCode(200);
        action(second, "start", null).statusCode(200);
    }

    @Test
    void concurrentStartsOnOneChannelLetExactlyOneWin() {
        String family = uniqueFamily();
        List<String> ids = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> createId(simpleRollout(family)))
                .toList();
        List<Integer> statuses = ids.parallelStream()
                .map(id -> action(id, "start", null).extract().statusCode())
                .toList();
        org.assertj.core.api.Assertions.assertThat(statuses)
                .containsOnly(200, 409)
                .filteredOn(s -> s == 200)
                .hasSize(1);
        given().get("/api/v1/rollouts?family=" + family + "&status=running")
                .then()
                .body("size()", is(1));
    }

    @Test
    void abRolloutNeedsAWinnerToComplete() {
        Map<String, Object> ab = new HashMap<>(simpleRollout(uniqueFamily()));
        ab.remove("target_version");
        ab.put(
                "variants",
                List.of(
                        Map.of("name", "control", "version", "2.0.0", "weight", 50),
                        Map.of("name", "B", "version", "2.1.0", "weight", 25),
                        Map.of("name", "C", "version", "2.2.0", "weight", 25)));
        String id = createId(ab);
        action(id, "start", null).statusCode(200);
        action(id, "complete", null).statusCode(400).body("errors[0].field", is("variant"));
        action(id, "complete", Map.of("variant", "Z")).statusCode(400);
        action(id, "complete", Map.of("variant", "C")).statusCode(200).body("winner", is("C"));
    }

    @Test
    void rulesAndStagesCanBeEditedWhileActive() {
        String id = createId(simpleRollout(uniqueFamily()));
        action(id, "start", null).statusCode(200);
        put(
                        "/api/v1/rollouts/" + id + "/rules",
                        Map.of(
                                "rules",
                                Map.of("regions_include", List.of("de", "AT"), "app_version", Map.of("min", "3.0"))))
                .statusCode(200)
                .body("rules.regions_include", contains("DE", "AT"))
                .body("rules.app_version.min", is("3.0.0"));
        put(
                        "/api/v1/rollouts/" + id + "/stages",
                        Map.of("stages", List.of(Map.of("percentage", 20)), "guard", Map.of("min_sessions", 50)))
                .statusCode(200)
                .body("stages", hasSize(1))
                .body("current_stage.index", is(0))
                .body("guard.min_sessions", is(50))
                .body("guard.crash_rate_threshold", is(0.02f));
    }

    @Test
    void theGuardListsEverySignalItJudgesWithOverridesAndDefaults() {
        Map<String, Object> body = new HashMap<>(simpleRollout(uniqueFamily()));
        body.put(
                "guard",
                Map.of(
                        "min_sessions",
                        50,
                        "signals",
                        List.of(
                                Map.of("signal", "crash", "threshold", 0.03, "mode", "observe"),
                                Map.of("signal", "battery_over", "mode", "enforce"))));
        String id = createId(body);
        given().get("/api/v1/rollouts/" + id)
                .then()
                .statusCode(200)
                .body("guard.crash_rate_threshold", is(0.03f))
                .body("guard.signals", hasSize(8))
                .body(
                        "guard.signals.signal",
                        contains(
                                "crash",
                                "load_failure",
                                "verify_failure",
                                "severe_errors",
                                "cpu_over",
                                "memory_over",
                                "storage_over",
                                "battery_over"))
                .body("guard.signals[0].mode", is("observe"))
                .body("guard.signals[0].threshold", is(0.03f))
                .body("guard.signals[1].mode", is("enforce"))
                .body("guard.signals[1].threshold", is(0.01f))
                .body("guard.signals[3].mode", is("observe"))
                .body("guard.signals[7].mode", is("enforce"))
                .body("guard.signals[7].threshold", is(0.1f));
        // and telemetry gets them with the rollout's guard once it runs
        action(id, "start", null).statusCode(200);
        assertThat(redis.hash(String.class).hget(keys.rolloutGuards(), id))
                .contains("\"signal\":\"BATTERY_OVER\"")
                .contains("\"mode\":\"ENFORCE\"");
    }

    @Test
    void badGuardSignalsAre400sNamingTheField() {
        Map<String, Object> body = new HashMap<>(simpleRollout(uniqueFamily()));
        body.put(
                "guard",
                Map.of(
                        "signals",
                        List.of(
                                Map.of("signal", "vibes"),
                                Map.of("signal", "cpu_over", "threshold", 1.5, "mode", "loud"),
                                Map.of("signal", "crash"),
                                Map.of("signal", "crash"))));
        problem(create(body), 400, "VALIDATION_FAILED")
                .body("errors.field", hasItem("guard.signals[0].signal"))
                .body("errors.field", hasItem("guard.signals[1].threshold"))
                .body("errors.field", hasItem("guard.signals[1].mode"))
                .body("errors.field", hasItem("guard.signals[3].signal"));
    }

    @Test
    void versionsMustBeReleasableOnTheChannel() {
        Map<String, Object> body = new HashMap<>(simpleRollout(uniqueFamily()));
        body.put("target_version", "3.0.0");
        problem(create(body), 409, "VERSION_NOT_RELEASABLE")
                .body("detail", org.hamcrest.Matchers.containsString("DRAFT"));
        body.put("target_version", "2.3.0-beta.1");
        problem(create(body), 409, "VERSION_NOT_RELEASABLE")
                .body("detail", org.hamcrest.Matchers.containsString("beta"));
        body.put("channel", "beta");
        create(body).statusCode(201);
        body.put("target_version", "9.9.9");
        problem(create(body), 409, "VERSION_NOT_RELEASABLE")
                .body("detail", org.hamcrest.Matchers.containsString("not in the catalog"));
        body.put("baseline_version", "1.0.0");
        body.put("target_version", "2.1.0");
        problem(create(body), 409, "VERSION_NOT_RELEASABLE")
                .body("detail", org.hamcrest.Matchers.containsString("RETIRED"));
    }

    @Test
    void invalidDefinitionsAre400sWithEveryField() {
        Map<String, Object> body = new HashMap<>();
        body.put("family", "Bad Family");
        body.put("channel", "nightly");
        body.put("baseline_version", "2.0");
        body.put("target_version", "2.1.0");
        body.put("variants", List.of(Map.of("name", "x", "version", "2.1.0", "weight", 1)));
        body.put("rules", Map.of("regions_include", List.of("XX"), "app_version", Map.of("min", "3.0", "max", "2.0")));
        body.put("stages", List.of(Map.of("percentage", 50), Map.of("percentage", 20), Map.of("percentage", 0.001)));
        body.put("guard", Map.of("crash_rate_threshold", 2.0, "window", "PT1S"));
        body.put("watch_interval", "PT10M");
        problem(create(body), 400, "VALIDATION_FAILED")
                .body("errors.field", hasItem("watch_interval"))
                .body("errors.field", hasItem("family"))
                .body("errors.field", hasItem("channel"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("baseline_version"))
                .body("errors.field", hasItem("target_version"))
                .body("errors.field", hasItem("rules.regions_include[0]"))
                .body("errors.field", hasItem("rules.app_version.max"))
                .body("errors.field", hasItem("stages[1].percentage"))
                .body("errors.field", hasItem("stages[2].percentage"))
                .body("errors.field", hasItem("guard.crash_rate_threshold"))
                .body("errors.field", hasItem("guard.window"));
        problem(create(Map.of()), 400, "VALIDATION_FAILED");
        problem(
                given().contentType("application/json")
                        .body("{\"family\":")
                        .post("/api/v1/rollouts")
                        .then(),
                400,
                "MALFORMED_JSON");
        Map<String, Object> sameVersions = new HashMap<>(simpleRollout(uniqueFamily()));
        sameVersions.put("target_version", "2.0.0");
        problem(create(sameVersions), 400, "VALIDATION_FAILED").body("errors[0].field", is("target_version"));
    }

    @Test
    void unknownRolloutsAndFiltersAre4xx() {
        problem(given().get("/api/v1/rollouts/nope").then(), 404, "ROLLOUT_NOT_FOUND");
        problem(action("nope", "start", null), 404, "ROLLOUT_NOT_FOUND");
        problem(given().get("/api/v1/rollouts?status=LIVE").then(), 400, "INVALID_PARAMETER");
        String family = uniqueFamily();
        String id = createId(simpleRollout(family));
        given().get("/api/v1/rollouts?family=" + family + "&status=draft")
                .then()
                .statusCode(200)
                .body("id", contains(id));
    }

    @Test
    void everyChangeIsAudited() {
        String id = createId(simpleRollout(uniqueFamily()));
        action(id, "start", null).statusCode(200);
        put("/api/v1/rollouts/" + id + "/percentage", Map.of("percentage", 30)).statusCode(200);
        action(id, "rollback", Map.of("reason", "bad answers")).statusCode(200);
        given().get("/api/v1/rollouts/" + id + "/audit")
                .then()
                .statusCode(200)
                .body("action", contains("ROLLBACK", "SET_PERCENTAGE", "START", "CREATE"))
                .body("actor", org.hamcrest.Matchers.everyItem(is(ACTOR)))
                .body("[0].before.status", is("RUNNING"))
                .body("[0].after.status", is("ROLLED_BACK"))
                .body("[0].detail", is("bad answers"))
                .body("[1].before.percentage", is(10))
                .body("[1].after.percentage", is(30))
                .body("[3].before", nullValue());
        given().get("/api/v1/audit?rollout_id=" + id + "&limit=2")
                .then()
                .statusCode(200)
                .body("action", contains("ROLLBACK", "SET_PERCENTAGE"));
        problem(given().get("/api/v1/audit?limit=0").then(), 400, "INVALID_PARAMETER");
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("code", is(code));
    }
}
