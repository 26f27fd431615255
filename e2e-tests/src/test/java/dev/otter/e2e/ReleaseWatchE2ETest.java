package dev.otter.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.AppKeys;
import dev.otter.testsupport.SseStream;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A version pinned as the channel default without a rollout, through the packaged services: it
 * crashes more than the version it replaced, telemetry's guard catches it on the release watch,
 * rollout-service puts the default back by itself (audited as the guard, with evidence), and a
 * streaming device on the bad version is woken and told ROLLBACK.
 */
class ReleaseWatchE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBadPinnedDefaultIsRevertedAndItsDevicesAreSentBack() throws Exception {
        OtterSystem.get();
        String family = "watch-" + UUID.randomUUID().toString().substring(0, 8);
        Api.publish(family, "2.0.0", "2.1.0");
        pin(family, "2.0.0");
        pin(family, "2.1.0");
        // (the catalog follower may have watched 2.1.0 as the newest before the pins: superseded since)
        JsonPath watches = Api.get(OtterSystem.rolloutUrl() + "/api/v1/release-watches?family=" + family);
        assertThat(watches.getList("findAll { it.status == 'WATCHING' }.cause")).containsExactly("pinned");
        String watch = watches.getString("find { it.status == 'WATCHING' }.id");

        try (SseStream device = SseStream.open(
                URI.create(OtterSystem.manifestUrl() + "/v1/updates/stream?install_id=e2e-watch-1"
                        + "&channel=stable&region=DE&platform=android&os_version=14&app_version=3.0.0"
                        + "&runtime_version=1.0.0&ram_mb=8192&free_storage_mb=20000&model=" + family + "@2.1.0"),
                Map.of(AppKeys.HEADER, OtterSystem.appKey()))) {
            assertThat(device.next(Duration.ofSeconds(5)).name()).isEqualTo("ready");

            Api.report(family, "2.0.0", null, null, 600, 0);
            Api.report(family, "2.1.0", null, null, 600, 60);
            long reported = System.nanoTime();

            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> "REVERTED"
                            .equals(Api.get(OtterSystem.rolloutUrl() + "/api/v1/release-watches/" + watch)
                                    .getString("status")));
            System.out.printf(
                    "bad pinned default reported -> reverted: %d ms%n", (System.nanoTime() - reported) / 1_000_000);
            SseStream.Event signal = device.next(Duration.ofSeconds(5));
            assertThat(signal).as("check-now on the stream").isNotNull();
            assertThat(JSON.readTree(JSON.readTree(signal.data()).get("body").asText())
                            .get("reason")
                            .asText())
                    .isEqualTo("ROLLBACK");
        }

        JsonPath decision = Api.check(family, "e2e-watch-1", "DE", "2.1.0");
        assertThat(decision.getString("decisions[0].action")).isEqualTo("ROLLBACK");
        assertThat(decision.getString("decisions[0].version")).isEqualTo("2.0.0");
        assertThat(decision.getString("decisions[0].message")).startsWith("release watch " + watch + " reverted 2.1.0");
        assertThat(Api.get(OtterSystem.rolloutUrl() + "/api/v1/channel-defaults/" + family)
                        .getList("version"))
                .containsExactly("2.0.0");
        JsonPath audit = Api.get(OtterSystem.rolloutUrl() + "/api/v1/audit?family=" + family);
        assertThat(audit.getString("[0].actor")).isEqualTo("guard:telemetry");
        assertThat(audit.getString("[0].detail")).contains("\"signal\":\"crash\"");
        List<Map<String, Object>> triggers = Api.get(
                        OtterSystem.rolloutUrl() + "/api/v1/release-watches/" + watch + "/guard-triggers")
                .getList("");
        assertThat(triggers).extracting(t -> t.get("outcome")).containsExactly("APPLIED");
    }

    private static void pin(String family, String version) {
        given().contentType(ContentType.JSON)
                .body(Map.of("version", version))
                .put(OtterSystem.rolloutUrl() + "/api/v1/channel-defaults/" + family + "/stable")
                .then()
                .statusCode(200);
    }

    @Test
    void aNewerVersionPublishedOnAChannelWithoutADefaultIsWatchedAndRevertedByPinningThePreviousOne() throws Exception {
        OtterSystem.get();
        String family = "newest-" + UUID.randomUUID().toString().substring(0, 8);
        Api.publish(family, "2.0.0");
        Api.report(family, "2.0.0", null, null, 600, 0);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Api.get(
                        OtterSystem.rolloutUrl() + "/api/v1/release-watches/newest-seen?family=" + family)
                .getList("version")
                .contains("2.0.0"));
        Api.publishVersion(family, "2.1.0");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Api.get(
                        OtterSystem.rolloutUrl() + "/api/v1/release-watches?family=" + family)
                .getList("cause")
                .contains("newest_published"));
        JsonPath watches = Api.get(OtterSystem.rolloutUrl() + "/api/v1/release-watches?family=" + family);
        assertThat(watches.getString("[0].version")).isEqualTo("2.1.0");
        assertThat(watches.getString("[0].previous_version")).isEqualTo("2.0.0");
        String watch = watches.getString("[0].id");

        Api.report(family, "2.1.0", null, null, 600, 60);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "REVERTED"
                        .equals(Api.get(OtterSystem.rolloutUrl() + "/api/v1/release-watches/" + watch)
                                .getString("status")));
        assertThat(Api.get(OtterSystem.rolloutUrl() + "/api/v1/channel-defaults/" + family)
                        .getList("version"))
                .containsExactly("2.0.0");
        JsonPath decision = Api.check(family, "e2e-newest-1", "DE", "2.1.0");
        assertThat(decision.getString("decisions[0].action")).isEqualTo("ROLLBACK");
        assertThat(decision.getString("decisions[0].version")).isEqualTo("2.0.0");
    }
}
