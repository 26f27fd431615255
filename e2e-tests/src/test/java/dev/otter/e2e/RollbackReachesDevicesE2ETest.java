package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.AppKeys;
import dev.otter.testsupport.SseStream;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rollback reaching devices through the packaged services: an operator rolls back in
 * rollout-service, the state travels through Redis, and manifest-service tells a streaming device
 * of the rollout within 2 s, a polling device of the cohort within its watch interval, a device
 * outside the rollout nothing — and a device whose stream was down when it happened hears of it on
 * reconnecting.
 */
class RollbackReachesDevicesE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<SseStream> streams = new ArrayList<>();

    @BeforeAll
    static void startSystem() throws Exception {
        OtterSystem.get();
    }

    @AfterEach
    void close() {
        streams.forEach(SseStream::close);
    }

    @Test
    void aRollbackReachesStreamingAndWatchedDevicesInTimeAndNobodyElse() throws Exception {
        String family = "reach-" + UUID.randomUUID().toString().substring(0, 8);
        Api.publish(family, "2.0.0", "2.1.0");
        String rollout = Api.post(
                        OtterSystem.rolloutUrl() + "/api/v1/rollouts",
                        Map.of(
                                "family", family,
                                "name", "half",
                                "baseline_version", "2.0.0",
                                "target_version", "2.1.0",
                                "stages", List.of(Map.of("percentage", 50)),
                                "watch_interval", "PT30S"))
                .getString("id");
        Api.post(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout + "/start", Map.of());
        String in = device(rollout, true, 0);
        String away = device(rollout, true, 1);
        String out = device(rollout, false, 0);
        await(() -> "2.1.0".equals(Api.check(family, in, "DE", null).getString("decisions[0].version")));

        // A polling device of the cohort is told to come back within the rollout's watch interval (±20 %).
        JsonPath watched = Api.check(family, in, "DE", "2.1.0");
        assertThat(watched.getLong("check_again_after")).isBetween(24L, 36L);
        assertThat(Api.check(family, out, "DE", "2.0.0").getLong("check_again_after"))
                .isGreaterThan(3_600L);

        SseStream streaming = open(family, in, "2.1.0", null);
        SseStream outside = open(family, out, "2.0.0", null);
        SseStream dropped = open(family, away, "2.1.0", null);
        assertThat(streaming.next(Duration.ofSeconds(5)).name()).isEqualTo("ready");
        assertThat(outside.next(Duration.ofSeconds(5)).name()).isEqualTo("ready");
        String cursor = dropped.next(Duration.ofSeconds(5)).id();
        dropped.close();

        Api.post(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout + "/rollback", Map.of("reason", "e2e"));
        long rolledBack = System.nanoTime();
        SseStream.Event signal = streaming.next(Duration.ofSeconds(2));
        assertThat(signal).as("check-now within 2 s of the rollback").isNotNull();
        System.out.printf(
                "rollback 200 -> check-now on the stream: %d ms%n", (signal.receivedNanos() - rolledBack) / 1_000_000);
        assertThat(reason(signal)).isEqualTo("ROLLBACK");
        // The check the signal asks for (and the polling device's next one) says ROLLBACK.
        assertThat(Api.check(family, in, "DE", "2.1.0").getString("decisions[0].action"))
                .isEqualTo("ROLLBACK");
        assertThat(outside.next(Duration.ofSeconds(1)))
                .as("outside the rollout: no signal")
                .isNull();

        SseStream resumed = open(family, away, "2.1.0", cursor);
        assertThat(resumed.next(Duration.ofSeconds(5)).name()).isEqualTo("ready");
        SseStream.Event missed = resumed.next(Duration.ofSeconds(5));
        assertThat(missed).as("the resumed stream hears what it missed").isNotNull();
        assertThat(reason(missed)).isEqualTo("MISSED");
    }

    // An install id the rollout puts in (or out of) its cohort, found through its assignment API.
    private static String device(String rollout, boolean inCohort, int skip) {
        int found = 0;
        for (int i = 0; i < 200; i++) {
            String id = "e2e-reach-device-" + i;
            JsonPath a = Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + rollout + "/assignment?installId="
                    + id + "&region=DE&appVersion=3.0.0&platform=android&osVersion=14&ramMb=8192");
            if (a.getBoolean("in_cohort") == inCohort && found++ == skip) {
                return id;
            }
        }
        throw new IllegalStateException("no device " + (inCohort ? "in" : "outside") + " the cohort among 200");
    }

    private SseStream open(String family, String installId, String installed, String lastEventId) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of(AppKeys.HEADER, OtterSystem.appKey()));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        SseStream s = SseStream.open(
                URI.create(OtterSystem.manifestUrl() + "/v1/updates/stream?install_id=" + installId
                        + "&channel=stable&region=DE&platform=android&os_version=14&app_version=3.0.0&runtime_version=1.0.0"
                        + "&ram_mb=8192&free_storage_mb=20000&model="
                        + family + "@" + installed),
                headers);
        assertThat(s.status()).isEqualTo(200);
        streams.add(s);
        return s;
    }

    private static String reason(SseStream.Event event) throws Exception {
        return JSON.readTree(JSON.readTree(event.data()).get("body").asText())
                .get("reason")
                .asText();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition);
    }
}
