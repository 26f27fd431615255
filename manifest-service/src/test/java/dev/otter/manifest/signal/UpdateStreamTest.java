package dev.otter.manifest.signal;

import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.AppKeys;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ActiveRollout;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.contract.rollout.Variant;
import dev.otter.manifest.rollout.snapshot.RolloutStateCache;
import dev.otter.manifest.signal.service.StreamConnections;
import dev.otter.manifest.signing.service.SigningKeys;
import dev.otter.manifest.testing.RolloutStateWriter;
import dev.otter.support.device.AppKeyRegistry;
import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.SseStream;
import dev.otter.testsupport.TestAppKey;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The update stream against real Redis and PostgreSQL: a rollback published to Redis reaches a
 * streaming device of the rollout within 2 s as a signed "check now", and no device outside it; a
 * stream resumed with an old cursor gets what it missed; refusals are problem+json, never a hung
 * connection.
 */
@QuarkusTest
@TestProfile(UpdateStreamTest.SmallInstance.class)
class UpdateStreamTest {

    /** Its own namespace (its rollout snapshots stay its own) and a cap of four streams. */
    public static class SmallInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "otter.namespace",
                    "otter-test-st" + Long.toString(System.nanoTime() % 100_000),
                    "otter.manifest.stream.max-connections",
                    "4",
                    "otter.manifest.stream.reconnect-max",
                    "5s",
                    "otter.manifest.stream.heartbeat",
                    "1s");
        }
    }

    private static final String IN_ROLLOUT = "aaaaaaaa-0000-4000-8000-tester000001";
    private static final String OUTSIDE = "bbbbbbbb-0000-4000-8000-other0000001";

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    AppKeyRegistry appKeys;

    @Inject
    StreamConnections connections;

    @Inject
    RolloutStateCache rollouts;

    @TestHTTPResource("/v1/updates/stream")
    URI stream;

    private final List<SseStream> open = new ArrayList<>();
    private String family;
    private long version = 100;

    @BeforeEach
    void catalogAndRollout() throws Exception {
        // Streams of the previous test are gone once the server saw them close.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connections.size() == 0);
        TestAppKey.register(keys.namespace());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> appKeys.applicationOf(TestAppKey.KEY)
                .isPresent());
        family = uniqueFamily("stream");
        createFamily(family).statusCode(201);
        publish(family, "2.0.0");
        publish(family, "2.1.0");
        write(running());
    }

    @AfterEach
    void closeStreams() {
        open.forEach(SseStream::close);
    }

    @Test
    void aRollbackReachesTheRolloutsStreamsWithinTwoSecondsSignedAndNobodyElse() throws Exception {
        SseStream inRollout = open(IN_ROLLOUT, "2.1.0", null);
        SseStream outside = open(OUTSIDE, "2.0.0", null);
        assertThat(inRollout.next(Duration.ofSeconds(2)).name()).isEqualTo("ready");
        assertThat(outside.next(Duration.ofSeconds(2)).name()).isEqualTo("ready");

        long start = System.nanoTime();
        write(rolledBack());
        SseStream.Event signal = inRollout.next(Duration.ofSeconds(2));
        assertThat(signal).as("check-now within 2 s").isNotNull();
        System.out.printf("rollback -> stream signal: %d ms%n", (signal.receivedNanos() - start) / 1_000_000);
        assertThat(signal.name()).isEqualTo("check-now");
        JsonNode data = json.readTree(signal.data());
        byte[] body = data.get("body").asText().getBytes(StandardCharsets.UTF_8);
        String signature = data.get("signature").asText();
        assertThat(SigningKeys.verify(activeKey(), body, signature.substring(signature.indexOf("sig=") + 4)))
                .as("the signal verifies like an update-check answer")
                .isTrue();
        JsonNode checkNow = json.readTree(body);
        assertThat(checkNow.get("type").asText()).isEqualTo("check-now");
        assertThat(checkNow.get("reason").asText()).isEqualTo("ROLLBACK");
        assertThat(checkNow.get("families").get(0).asText()).isEqualTo(family);
        assertThat(signal.id()).isNotBlank();

        assertThat(outside.next(Duration.ofMillis(1500)))
                .as("a device outside the rollout hears nothing")
                .isNull();
    }

    @Test
    void aPausedRolloutWithdrawsThePendingOfferFromItsCohort() throws Exception {
        SseStream notYetUpdated = open(IN_ROLLOUT, "2.0.0", null);
        assertThat(notYetUpdated.next(Duration.ofSeconds(2)).name()).isEqualTo("ready");
        write(withStatus(ActiveRollout.PAUSED));
        SseStream.Event signal = notYetUpdated.next(Duration.ofSeconds(2));
        assertThat(signal).isNotNull();
        assertThat(json.readTree(json.readTree(signal.data()).get("body").asText())
                        .get("reason")
                        .asText())
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void aResumedStreamGetsWhatItMissedAndNothingWhenNothingChanged() throws Exception {
        SseStream first = open(IN_ROLLOUT, "2.1.0", null);
        String cursor = first.next(Duration.ofSeconds(2)).id();
        first.close();

        SseStream same = open(IN_ROLLOUT, "2.1.0", cursor);
        assertThat(same.next(Duration.ofSeconds(2)).id()).isEqualTo(cursor);
        assertThat(same.next(Duration.ofMillis(800)))
                .as("nothing changed: no signal")
                .isNull();
        same.close();

        write(rolledBack()); // while the device is away
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !cursor.equals(readyCursor()));
        SseStream resumed = open(IN_ROLLOUT, "2.1.0", cursor);
        SseStream.Event ready = resumed.next(Duration.ofSeconds(2));
        assertThat(ready.name()).isEqualTo("ready");
        assertThat(ready.id()).isNotEqualTo(cursor);
        SseStream.Event missed = resumed.next(Duration.ofSeconds(2));
        assertThat(missed).as("the missed rollback, at once").isNotNull();
        assertThat(missed.name()).isEqualTo("check-now");
        assertThat(json.readTree(json.readTree(missed.data()).get("body").asText())
                        .get("reason")
                        .asText())
                .isEqualTo("MISSED");
    }

    @Test
    void heartbeatsKeepAnIdleStreamAliveAndTheReconnectDelayIsSpread() throws Exception {
        SseStream idle = open(OUTSIDE, "2.0.0", null);
        assertThat(idle.next(Duration.ofSeconds(2)).name()).isEqualTo("ready");
        assertThat(idle.retryMillis())
                .as("retry: between reconnect-min and reconnect-max")
                .isBetween(1_000L, 5_000L);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> idle.comments() >= 2);
    }

    @Test
    void badRequestsAreProblemsNotHungConnections() {
        given().header(AppKeys.HEADER, DefaultCredentials.NONE)
                .get(query(IN_ROLLOUT, "2.1.0"))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", is("APP_KEY_REJECTED"));
        given().get(query(IN_ROLLOUT, "2.1.0").replace(family, "no-such-family"))
                .then()
                .statusCode(404)
                .body("code", is("FAMILY_NOT_FOUND"));
        StringBuilder many = new StringBuilder(query(IN_ROLLOUT, null));
        for (int i = 0; i < 40; i++) {
            many.append("&model=f").append(i);
        }
        given().get(many.toString()).then().statusCode(400).body("errors.field", hasItem("models"));
        given().get(query(IN_ROLLOUT, null)
                        .replace("ram_mb=8192", "ram_mb=lots")
                        .replace("channel=stable", "channel=nightly"))
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors.field", hasItem("ram_mb"));
        given().get(query(IN_ROLLOUT, null).replace("channel=stable", "channel=nightly"))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("channel"));
        given().get("/v1/updates/stream?model=" + family)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("install_id"));
    }

    @Test
    void aFullInstanceRefusesWithRetryAfterAndTakesStreamsAgainOnceOneCloses() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(open("cccccccc-0000-4000-8000-cap00000000" + i, "2.0.0", null)
                            .next(Duration.ofSeconds(2))
                            .name())
                    .isEqualTo("ready");
        }
        String retryAfter = given().get(query(OUTSIDE, "2.0.0"))
                .then()
                .statusCode(503)
                .body("code", is("STREAM_CAPACITY"))
                .extract()
                .header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 5);
        open.get(0).close();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connections.size() == 3);
        assertThat(open(OUTSIDE, "2.0.0", null).next(Duration.ofSeconds(2)).name())
                .isEqualTo("ready");
    }

    private String readyCursor() throws Exception {
        try (SseStream s = SseStream.open(URI.create(stream + "?" + params(IN_ROLLOUT, "2.1.0")), Map.of())) {
            return s.next(Duration.ofSeconds(2)).id();
        }
    }

    private SseStream open(String installId, String installed, String lastEventId) throws Exception {
        SseStream s = SseStream.open(
                URI.create(stream + "?" + params(installId, installed)),
                lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        open.add(s);
        return s;
    }

    private String query(String installId, String installed) {
        return "/v1/updates/stream?" + params(installId, installed);
    }

    private String params(String installId, String installed) {
        return "install_id=" + installId + "&channel=stable&region=DE&platform=android&os_version=14&app_version=3.2.0"
                + "&runtime_version=1.4.0&ram_mb=8192&free_storage_mb=20000&model=" + family
                + (installed == null ? "" : "@" + installed);
    }

    private static byte[] activeKey() {
        JsonPath keys =
                given().get("/.well-known/otter-keys.json").then().extract().jsonPath();
        return Base64.getUrlDecoder().decode(keys.getString("keys[0].public_key"));
    }

    /** Writes a state and waits until this instance uses it (a change is a step from one state to the next). */
    private void write(FamilyRolloutState state) throws Exception {
        RolloutStateWriter.write(redis, keys, json, state, true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> rollouts.version(state.family()) >= state.version());
    }

    private FamilyRolloutState running() {
        return withStatus(ActiveRollout.RUNNING);
    }

    private FamilyRolloutState withStatus(String status) {
        ActiveRollout active = new ActiveRollout(
                "r-" + family,
                status,
                "salt-1",
                "2.0.0",
                0,
                List.of(new Variant("target", "2.1.0", 1)),
                CohortRules.EVERYONE,
                List.of(IN_ROLLOUT),
                90);
        return new FamilyRolloutState(
                family, ++version, Instant.now(), List.of(new ChannelState("stable", "2.0.0", active, List.of())));
    }

    private FamilyRolloutState rolledBack() {
        return new FamilyRolloutState(
                family,
                ++version,
                Instant.now(),
                List.of(new ChannelState(
                        "stable",
                        "2.0.0",
                        null,
                        List.of(new RolledBackRollout(
                                "r-" + family, "2.0.0", List.of("2.1.0"), "crash rate 5%", Instant.now())))));
    }
}
