package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A rollout whose new version crashes in one region (or on one device class) only, through the
 * packaged services: the guard takes the segment out (the rollout created with {@code exclude_segments}) instead of rolling back;
 * devices there on the new version are sent back, the rest keep it and the rollout runs on.
 */
class SegmentExclusionE2ETest {
    @Test
    void aFailureConfinedToOneRegionExcludesItAndTheRolloutRunsOn() throws Exception {
        OtterSystem.get();
        String family = "segment-" + UUID.randomUUID().toString().substring(0, 8);
        String rollout = startExcludingRollout(family);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "2.1.0"
                .equals(Api.check(family, "e2e-seg-br", "BR", null).getString("decisions[0].version")));

        Api.report(family, "2.1.0", rollout, "target", "DE", 400, 0);
        Api.report(family, "2.1.0", rollout, "target", "US", 400, 0);
        Api.report(family, "2.1.0", rollout, "target", "BR", 300, 45);
        long reported = System.nanoTime();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout)
                        .getList("excluded_segments")
                        .isEmpty());
        System.out.printf(
                "crashes in BR reported -> region excluded: %d ms%n", (System.nanoTime() - reported) / 1_000_000);
        JsonPath r = Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout);
        assertThat(r.getString("status")).isEqualTo("RUNNING");
        assertThat(r.getList("rules.regions_exclude")).containsExactly("BR");
        assertThat(r.getString("excluded_segments[0].value")).isEqualTo("BR");
        JsonPath audit = Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout + "/audit");
        assertThat(audit.getString("[0].action")).isEqualTo("EXCLUDE_SEGMENT");
        assertThat(audit.getString("[0].actor")).isEqualTo("guard:telemetry");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "ROLLBACK"
                .equals(Api.check(family, "e2e-seg-br", "BR", "2.1.0").getString("decisions[0].action")));
        JsonPath brazil = Api.check(family, "e2e-seg-br", "BR", "2.1.0");
        assertThat(brazil.getString("decisions[0].version")).isEqualTo("2.0.0");
        assertThat(brazil.getString("decisions[0].message")).contains("excluded region BR");
        JsonPath germany = Api.check(family, "e2e-seg-de", "DE", "2.1.0");
        assertThat(germany.getString("decisions[0].action")).isNotEqualTo("ROLLBACK");
        assertThat(Api.check(family, "e2e-seg-de2", "DE", null).getString("decisions[0].version"))
                .isEqualTo("2.1.0");

        // The rest stays healthy: no rollback follows.
        Awaitility.await()
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> "RUNNING"
                        .equals(Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout)
                                .getString("status")));
    }

    @Test
    void aFailureConfinedToOneDeviceClassAcrossRegionsExcludesThatClass() throws Exception {
        OtterSystem.get();
        String family = "segment-class-" + UUID.randomUUID().toString().substring(0, 8);
        String rollout = startExcludingRollout(family);
        Map<String, Object> wearable = Map.of("device_class", "wearable");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "2.1.0"
                .equals(Api.check(family, "e2e-seg-watch", "US", null, wearable).getString("decisions[0].version")));

        // phones counted first: whatever part of the wearables is counted when the guard decides,
        // a region holding it is diluted by them, so the data cannot tell the class from a region
        for (String region : List.of("DE", "US")) {
            Api.report(family, "2.1.0", rollout, "target", Map.of("region", region, "device_class", "phone"), 400, 0);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .ignoreExceptions() // the guard is published a moment after the start
                .until(() -> Api.get(OtterSystem.telemetryUrl() + "/api/v1/telemetry/rollouts/" + rollout + "/health")
                                .getInt("variants[0].sessions")
                        == 800);
        for (String region : List.of("DE", "US")) {
            Api.report(
                    family, "2.1.0", rollout, "target", Map.of("region", region, "device_class", "wearable"), 150, 22);
        }
        long reported = System.nanoTime();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout)
                        .getList("excluded_segments")
                        .isEmpty());
        System.out.printf(
                "crashes on wearables reported -> device class excluded: %d ms%n",
                (System.nanoTime() - reported) / 1_000_000);
        JsonPath r = Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout);
        assertThat(r.getString("status")).isEqualTo("RUNNING");
        assertThat(r.getString("excluded_segments[0].dimension")).isEqualTo("DEVICE_CLASS");
        assertThat(r.getString("excluded_segments[0].value")).isEqualTo("wearable");
        assertThat(r.getList("rules.regions_exclude")).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "ROLLBACK"
                .equals(Api.check(family, "e2e-seg-watch", "US", "2.1.0", wearable)
                        .getString("decisions[0].action")));
        assertThat(Api.check(family, "e2e-seg-watch", "US", "2.1.0", wearable).getString("decisions[0].message"))
                .contains("excluded device_class wearable");
        Map<String, Object> phone = Map.of("device_class", "phone");
        assertThat(Api.check(family, "e2e-seg-phone", "US", "2.1.0", phone).getString("decisions[0].action"))
                .isNotEqualTo("ROLLBACK");
        assertThat(Api.check(family, "e2e-seg-phone2", "DE", null, phone).getString("decisions[0].version"))
                .isEqualTo("2.1.0");
    }

    // 2.0.0 and 2.1.0 published, a rollout of 2.1.0 to everyone that excludes a failing segment, started.
    private static String startExcludingRollout(String family) {
        Api.publish(family, "2.0.0", "2.1.0");
        String rollout = Api.post(
                        OtterSystem.rolloutUrl() + "/api/v1/rollouts",
                        Map.of(
                                "family",
                                family,
                                "name",
                                "everyone",
                                "baseline_version",
                                "2.0.0",
                                "target_version",
                                "2.1.0",
                                "stages",
                                List.of(Map.of("percentage", 100)),
                                "guard",
                                Map.of("min_sessions", 200, "exclude_segments", true)))
                .getString("id");
        Api.post(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout + "/start", Map.of());
        return rollout;
    }
}
