package dev.otter.rollout.rollout;

import static dev.otter.rollout.testing.RolloutApi.action;
import static dev.otter.rollout.testing.RolloutApi.createId;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.otter.contract.telemetry.Verdict;
import dev.otter.rollout.testing.TelemetryStubResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Stages advance by themselves only when baked and telemetry reports the guard HEALTHY. */
@QuarkusTest
class AutoAdvanceTest {

    private static int percentage(String id) {
        return given().get("/api/v1/rollouts/" + id).then().extract().path("percentage");
    }

    @Test
    void advancesOnAHealthyVerdictAndWaitsForTheBake() {
        Map<String, Object> body = new HashMap<>(simpleRollout(uniqueFamily())); // 10 % (no bake) → 50 % (1 h) → 100 %
        body.put("auto_advance", true);
        String id = createId(body);
        action(id, "start", null).statusCode(200).body("auto_advance", is(true));

        // Not enough data yet: it stays at 10 % for several rounds.
        Awaitility.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> percentage(id) == 10);

        TelemetryStubResource.VERDICTS.put(id, Verdict.HEALTHY);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> percentage(id) == 50);
        given().get("/api/v1/rollouts/" + id + "/audit")
                .then()
                .body("[0].action", is("ADVANCE"))
                .body("[0].actor", is("auto:guard"))
                .body("[0].detail", is("guard healthy: stub says HEALTHY"));

        // The 50 % stage bakes for an hour: healthy or not, it stays.
        Awaitility.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> percentage(id) == 50);
    }

    @Test
    void rolloutsWithoutAutoAdvanceNeverMoveByThemselves() {
        String id = createId(simpleRollout(uniqueFamily()));
        action(id, "start", null).statusCode(200);
        TelemetryStubResource.VERDICTS.put(id, Verdict.HEALTHY);
        Awaitility.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> percentage(id) == 10);
    }
}
