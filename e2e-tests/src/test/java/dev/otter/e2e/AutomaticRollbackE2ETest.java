package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard end to end: a running rollout, a crash burst reported through the telemetry API, an
 * automatic rollback in rollout-service, and manifest-service answering ROLLBACK — with the delay
 * from the triggering batch's 202 measured. And a trigger fired while rollout-service is down is
 * applied when it is back.
 */
class AutomaticRollbackE2ETest {
    private static OtterSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        system = OtterSystem.get();
    }

    /** A running rollout of 2.1.0 over 2.0.0 to everyone, guarded with 200 sessions at 2 %. */
    private static String runningRollout(String family) {
        Api.publish(family, "2.0.0", "2.1.0");
        String id = Api.post(
                        OtterSystem.rolloutUrl() + "/api/v1/rollouts",
                        Map.of(
                                "family",
                                family,
                                "name",
                                "guarded",
                                "baseline_version",
                                "2.0.0",
                                "target_version",
                                "2.1.0",
                                "stages",
                                List.of(Map.of("percentage", 100)),
                                "guard",
                                Map.of("crash_rate_threshold", 0.02, "min_sessions", 200, "window", "PT10M")))
                .getString("id");
        Api.post(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + id + "/start", Map.of());
        return id;
    }

    private static String status(String rolloutId) {
        return Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rolloutId)
                .getString("status");
    }

    @Test
    void aCrashBurstRollsTheRolloutBackAndDevicesAreToldWithinSeconds() {
        String family = "guard-" + UUID.randomUUID().toString().substring(0, 8);
        String rollout = runningRollout(family);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "2.1.0"
                .equals(Api.check(family, "pixel-0001", "DE", null).getString("decisions[0].version")));

        Api.report(family, "2.1.0", rollout, "target", 950, 0); // healthy sessions first
        Api.report(family, "2.1.0", rollout, "target", 0, 60); // then the burst: this batch's 202 starts the clock
        long accepted = System.nanoTime();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> "ROLLBACK"
                        .equals(Api.check(family, "pixel-0001", "DE", "2.1.0").getString("decisions[0].action")));
        long millis = (System.nanoTime() - accepted) / 1_000_000;
        System.out.printf("crash burst 202 -> ROLLBACK answer: %d ms%n", millis);
        assertThat(millis).as("trigger-to-ROLLBACK delay").isLessThan(10_000);

        JsonPath rollback = Api.check(family, "pixel-0001", "DE", "2.1.0");
        assertThat(rollback.getString("decisions[0].version")).isEqualTo("2.0.0");
        assertThat(rollback.getString("decisions[0].reason")).isEqualTo("ROLLOUT_ROLLED_BACK");
        assertThat(status(rollout)).isEqualTo("ROLLED_BACK");
        JsonPath audit = Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout + "/audit");
        assertThat(audit.getString("[0].actor")).isEqualTo("guard:telemetry");
        assertThat(audit.getString("[0].detail")).contains("\"crashes\":").contains("\"lower_bound\":");
        assertThat(Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout + "/guard-triggers")
                        .getList("outcome"))
                .containsExactly("APPLIED");
    }

    @Test
    void aTriggerFiredWhileRolloutServiceIsDownIsAppliedWhenItIsBack() throws Exception {
        String family = "down-" + UUID.randomUUID().toString().substring(0, 8);
        String rollout = runningRollout(family);
        system.stop("rollout-service");
        try {
            Api.report(family, "2.1.0", rollout, "target", 300, 40);
            // The guard fired meanwhile; nobody applied it yet.
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !system.redis(
                            "HGET", OtterSystem.NAMESPACE + ":tel:fired", rollout)
                    .isEmpty());
        } finally {
            system.start("rollout-service");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ROLLED_BACK".equals(status(rollout)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "ROLLBACK"
                .equals(Api.check(family, "pixel-0002", "DE", "2.1.0").getString("decisions[0].action")));
    }
}
