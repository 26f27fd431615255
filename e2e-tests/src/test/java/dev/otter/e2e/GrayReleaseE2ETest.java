package dev.otter.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.Bucketing;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Gray release across real processes: a rollout started in rollout-service reaches manifest-service
 * through Redis within 2 s for the matching devices only; assignment is sticky; with Redis stopped
 * manifest-service keeps answering from its snapshot; after Redis comes back (empty) the state is
 * republished, and a rollback sends devices back within 2 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrayReleaseE2ETest {
    private static OtterSystem system;
    private static final String FAMILY = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private static String rolloutId;
    private static String inCohort;
    private static String outsideByPercentage;
    private static final String OUTSIDE_BY_REGION = "fr-device-0001";

    @BeforeAll
    static void startSystem() throws Exception {
        system = OtterSystem.get();
        Api.publish(FAMILY, "2.0.0", "2.1.0");
    }

    @Test
    @Order(1)
    void startedRolloutReachesOnlyTheMatchingDevicesWithinTwoSeconds() {
        JsonPath created = post(
                OtterSystem.rolloutUrl() + "/api/v1/rollouts",
                Map.of(
                        "family",
                        FAMILY,
                        "name",
                        "2.1.0 to half of Germany",
                        "baseline_version",
                        "2.0.0",
                        "target_version",
                        "2.1.0",
                        "rules",
                        Map.of("regions_include", List.of("DE")),
                        "stages",
                        List.of(Map.of("percentage", 50))));
        rolloutId = created.getString("id");
        String salt = created.getString("salt");
        for (int i = 0; inCohort == null || outsideByPercentage == null; i++) {
            String id = "de-device-" + i;
            if (Bucketing.bucket(salt, id) < 5_000) {
                inCohort = inCohort == null ? id : inCohort;
            } else {
                outsideByPercentage = outsideByPercentage == null ? id : outsideByPercentage;
            }
        }
        assertThat(version(inCohort, "DE"))
                .as("before the start everyone gets the newest published")
                .isEqualTo("2.1.0");

        post(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rolloutId + "/start", Map.of());
        long started = System.nanoTime();
        // The start pinned the channel default to 2.0.0; the cohort keeps 2.1.0.
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "2.0.0".equals(version(outsideByPercentage, "DE")));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("rollout start -> manifest decision: %d ms%n", millis);
        assertThat(version(inCohort, "DE")).isEqualTo("2.1.0");
        assertThat(version(OUTSIDE_BY_REGION, "FR")).isEqualTo("2.0.0");
        JsonPath decision = check(inCohort, "DE", null);
        assertThat(decision.getString("decisions[0].assignment.rollout_id")).isEqualTo(rolloutId);
        assertThat(decision.getString("decisions[0].assignment.variant")).isEqualTo("target");
    }

    @Test
    @Order(2)
    void assignmentIsStickyAndAgreesWithTheExplanation() {
        for (int i = 0; i < 10; i++) {
            assertThat(version(inCohort, "DE")).isEqualTo("2.1.0");
            assertThat(version(outsideByPercentage, "DE")).isEqualTo("2.0.0");
        }
        JsonPath explained = given().get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rolloutId
                        + "/assignment?installId=" + OUTSIDE_BY_REGION + "&region=FR")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(explained.getString("rule")).isEqualTo("region");
        assertThat(explained.getString("version")).isEqualTo("2.0.0");
    }

    @Test
    @Order(3)
    void withRedisStoppedManifestServiceAnswersFromItsSnapshot() throws Exception {
        system.stopRedis();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(version(inCohort, "DE")).isEqualTo("2.1.0");
                assertThat(version(outsideByPercentage, "DE")).isEqualTo("2.0.0");
                Thread.sleep(100);
            }
        } finally {
            system.startRedis();
        }
    }

    @Test
    @Order(4)
    void afterRedisReturnsEmptyTheStateIsRepublishedAndARollbackArrivesWithinTwoSeconds() {
        // Redis came back without data; rollout-service republishes every family and the marker,
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> system.redis("EXISTS", new RedisKeys(OtterSystem.NAMESPACE).rolloutStatePublished())
                                .equals("1")
                        && system.redis("HEXISTS", new RedisKeys(OtterSystem.NAMESPACE).rolloutSnapshots(), FAMILY)
                                .equals("1")
                        // and manifest-service its app keys (devices kept the held set meanwhile)
                        && system.redis("EXISTS", new RedisKeys(OtterSystem.NAMESPACE).appKeysPublished())
                                .equals("1"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> given().get(OtterSystem.manifestUrl() + "/q/health/ready")
                                .statusCode()
                        == 200);

        post(
                OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rolloutId + "/rollback",
                Map.of("reason", "crash rate 4%"));
        long rolledBack = System.nanoTime();
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "ROLLBACK".equals(check(inCohort, "DE", "2.1.0").getString("decisions[0].action")));
        System.out.printf("rollback -> manifest ROLLBACK: %d ms%n", (System.nanoTime() - rolledBack) / 1_000_000);
        JsonPath back = check(inCohort, "DE", "2.1.0");
        assertThat(back.getString("decisions[0].version")).isEqualTo("2.0.0");
        assertThat(back.getString("decisions[0].reason")).isEqualTo("ROLLOUT_ROLLED_BACK");
        assertThat(back.getString("decisions[0].message")).contains("crash rate 4%");
        assertThat(check(outsideByPercentage, "DE", "2.0.0").getString("decisions[0].action"))
                .isEqualTo("NO_UPDATE");
    }

    // ---- helpers

    private static String version(String installId, String region) {
        return check(installId, region, null).getString("decisions[0].version");
    }

    private static JsonPath check(String installId, String region, String installed) {
        return Api.check(FAMILY, installId, region, installed);
    }

    private static JsonPath post(String url, Object body) {
        return Api.post(url, body);
    }
}
