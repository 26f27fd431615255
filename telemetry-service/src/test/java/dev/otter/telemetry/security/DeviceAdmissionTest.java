package dev.otter.telemetry.security;

import static dev.otter.telemetry.testing.Events.post;
import static dev.otter.telemetry.testing.Events.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.otter.contract.AppKeys;
import dev.otter.telemetry.guard.service.WindowCounts;
import dev.otter.testsupport.DefaultCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Telemetry admits devices by app key and budget, and never loses events to a limit: a refused
 * batch is a 429 that says nothing was accepted, and the same batch sent after Retry-After is
 * accepted and counted once, like every other.
 */
@QuarkusTest
@TestProfile(DeviceAdmissionTest.SmallBudget.class)
class DeviceAdmissionTest {

    private static final long WINDOW_MILLIS = 2_000;

    /** Two batches per install id in a 2-second window. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "otter.device.rate-limit.per-install", "2",
                    "otter.device.rate-limit.window", "2s");
        }
    }

    @Inject
    WindowCounts counts;

    private static List<Map<String, Object>> batch(String rollout, String install, int size) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> e = new java.util.HashMap<>(session("admit", "2.1.0", rollout, "target", "DE"));
            e.put("install_id", install);
            events.add(e);
        }
        return events;
    }

    private long sessions(String rollout) {
        return counts.rollout(rollout, 600).await().atMost(Duration.ofSeconds(5)).stream()
                .filter(WindowCounts.Cell::isRegion)
                .mapToLong(c -> c.get("sessions"))
                .sum();
    }

    @Test
    void withoutAKnownKeyNothingIsAccepted() {
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        for (String key : List.of(DefaultCredentials.NONE, AppKeys.PREFIX + "unknown")) {
            given().header(AppKeys.HEADER, key)
                    .contentType(ContentType.JSON)
                    .body(Map.of("events", batch(rollout, "dev-1", 3)))
                    .post("/v1/telemetry/events")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("code", is("APP_KEY_REJECTED"));
        }
        assertThat(sessions(rollout)).isZero();
    }

    @Test
    void aThrottledBatchIsRefusedWholeAndCountedOnceWhenResent() throws Exception {
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        String install = "dev-" + rollout;
        // Windows are fixed (every 2 s of the clock): start the three batches early in one, so the
        // budget cannot be renewed between them.
        Awaitility.await()
                .atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() % WINDOW_MILLIS < 200);
        post(batch(rollout, install, 5)).statusCode(202).body("accepted", is(5));
        post(batch(rollout, install, 5)).statusCode(202).body("accepted", is(5));
        List<Map<String, Object>> third = batch(rollout, install, 7);
        String retryAfter = post(third)
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", is("RATE_LIMITED"))
                .body("detail", containsString("nothing from this batch was accepted"))
                .extract()
                .header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 2);
        // Another device behind the same budget-free address is not held up.
        post(batch(rollout, "dev-other-" + rollout, 1)).statusCode(202);

        Awaitility.await()
                .pollDelay(Duration.ofSeconds(Integer.parseInt(retryAfter)))
                .atMost(Duration.ofSeconds(10))
                .until(() -> post(third).extract().statusCode() == 202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sessions(rollout) == 5 + 5 + 1 + 7);
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> sessions(rollout) == 18);
    }
}
