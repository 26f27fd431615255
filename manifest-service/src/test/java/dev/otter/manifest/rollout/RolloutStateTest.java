package dev.otter.manifest.rollout;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ActiveRollout;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.contract.rollout.Variant;
import dev.otter.manifest.testing.RolloutStateWriter;
import dev.otter.support.device.AppKeyRegistry;
import dev.otter.testsupport.TestAppKey;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The manifest side of gray releases, through real Redis: snapshots written as rollout-service
 * writes them change decisions within 2 s; older or malformed ones are ignored; and until the
 * complete state has been published, update checks answer 503.
 */
@QuarkusTest
@TestProfile(RolloutStateTest.RequireState.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutStateTest {

    /**
     * The production setting, in a namespace of its own so no other test has set the marker; no
     * periodic reconcile during the test, so what it sees comes from announcements.
     */
    public static class RequireState implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "otter.manifest.rollout.require-published-state",
                    "true",
                    "otter.manifest.rollout.reconcile-interval",
                    "1h",
                    "otter.namespace",
                    "otter-test-rs" + Long.toString(System.nanoTime() % 100_000));
        }
    }

    private static final String TESTER = "aaaaaaaa-0000-4000-8000-tester000001";
    private static final String OTHER = "bbbbbbbb-0000-4000-8000-other0000001";
    private static final int WATCH_SECONDS = 90;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    AppKeyRegistry appKeys;

    private static String family;

    /** This test's own namespace needs the test app key too. */
    @BeforeEach
    void registerAppKey() {
        TestAppKey.register(keys.namespace());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> appKeys.applicationOf(TestAppKey.KEY)
                .isPresent());
    }

    private static ValidatableResponse checkAs(String installId, String installed, String region) {
        Map<String, Object> body = new HashMap<>(checkBody(family, installed, "1b", 8192, "stable"));
        body.put("install_id", installId);
        body.put("region", region);
        return check(body);
    }

    private static long checkAgainAfter(String installId, String installed) {
        return ((Number) checkAs(installId, installed, "DE")
                        .statusCode(200)
                        .extract()
                        .path("check_again_after"))
                .longValue();
    }

    private static FamilyRolloutState running(long version, String status, int percentage) {
        ActiveRollout active = new ActiveRollout(
                "r-1",
                status,
                "salt-1",
                "2.0.0",
                percentage,
                List.of(new Variant("target", "2.1.0", 1)),
                new CohortRules(List.of("DE"), List.of(), null, null, List.of(), List.of(), List.of(), null, List.of()),
                List.of(TESTER),
                WATCH_SECONDS);
        return new FamilyRolloutState(
                family, version, Instant.now(), List.of(new ChannelState("stable", "2.0.0", active, List.of())));
    }

    @Test
    @Order(1)
    void updateChecksWaitForTheCompleteState() {
        family = uniqueFamily("gray");
        createFamily(family).statusCode(201);
        publish(family, "2.0.0");
        publish(family, "2.1.0");
        checkAs(OTHER, null, "DE").statusCode(503).body("code", is("BACKEND_UNAVAILABLE"));
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'rollout-state' }.status", is("DOWN"));

        // The marker's announcement makes the service ready at once, not at its next reconcile.
        RolloutStateWriter.markPublished(redis, keys);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .until(() -> checkAs(OTHER, null, "DE").extract().statusCode() == 200);
        // No snapshot for the family yet: the newest published version.
        checkAs(OTHER, null, "DE").body("decisions[0].version", is("2.1.0"));
    }

    @Test
    @Order(2)
    void aStartedRolloutChangesTheDecisionForItsCohortOnlyWithinTwoSeconds() throws Exception {
        long start = System.nanoTime();
        RolloutStateWriter.write(redis, keys, json, running(10, "RUNNING", 0), true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        "2.1.0".equals(checkAs(TESTER, "2.0.0", "US").extract().path("decisions[0].version")));
        System.out.printf("rollout state propagation through Redis: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        checkAs(TESTER, "2.0.0", "US")
                .body("decisions[0].action", is("UPDATE"))
                .body("decisions[0].assignment.rollout_id", is("r-1"))
                .body("decisions[0].assignment.variant", is("target"));
        // Outside the cohort (0 %): the baseline, no assignment.
        checkAs(OTHER, null, "DE")
                .body("decisions[0].version", is("2.0.0"))
                .body("decisions[0].assignment", org.hamcrest.Matchers.nullValue());
        checkAs(OTHER, "2.0.0", "DE").body("decisions[0].action", is("NO_UPDATE"));
        // The cohort is watched (the rollout's interval, jittered ±20 %); everyone else keeps the long one.
        assertThat(checkAgainAfter(TESTER, "2.0.0")).isBetween(72L, 108L);
        assertThat(checkAgainAfter(OTHER, "2.0.0")).isGreaterThan(3 * 3600L);
        // The legacy manifest shows what everyone outside a rollout gets.
        given().get("/v1/manifest.json?family=" + family).then().body("current_version", is("2.0.0"));
    }

    @Test
    @Order(3)
    void olderAndMalformedSnapshotsAreIgnored() throws Exception {
        RolloutStateWriter.write(redis, keys, json, running(5, "RUNNING", 10_000), true);
        redis.hash(String.class).hset(keys.rolloutVersions(), family, "11");
        redis.hash(String.class)
                .hset(
                        keys.rolloutSnapshots(),
                        family,
                        "{\"family\": \"" + family + "\", \"version\": 11, \"channels\": 7}");
        redis.pubsub(String.class).publish(keys.rolloutChanged(), family + ":11");
        Awaitility.await()
                .during(Duration.ofMillis(700))
                .atMost(Duration.ofSeconds(3))
                .until(() -> "2.0.0"
                        .equals(checkAs(OTHER, null, "DE")
                                .statusCode(200)
                                .extract()
                                .path("decisions[0].version")));
    }

    @Test
    @Order(4)
    void pausedRolloutsOfferTheBaselineButDevicesOnTheTargetKeepIt() throws Exception {
        RolloutStateWriter.write(redis, keys, json, running(20, "PAUSED", 10_000), true);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> "2.0.0"
                .equals(checkAs(TESTER, null, "DE").extract().path("decisions[0].version")));
        checkAs(TESTER, "2.1.0", "DE")
                .body("decisions[0].action", is("NO_UPDATE"))
                .body("decisions[0].reason", is("AHEAD_OF_TARGET"))
                .body("decisions[0].assignment.rollout_id", is("r-1"));
        // Paused, the rollout still watches the devices that took its variant until it is final.
        assertThat(checkAgainAfter(TESTER, "2.1.0")).isBetween(72L, 108L);
    }

    @Test
    @Order(5)
    void aRolledBackRolloutSendsItsDevicesBackWithinTwoSeconds() throws Exception {
        FamilyRolloutState rolledBack = new FamilyRolloutState(
                family,
                30,
                Instant.now(),
                List.of(new ChannelState(
                        "stable",
                        "2.0.0",
                        null,
                        List.of(new RolledBackRollout(
                                "r-1", "2.0.0", List.of("2.1.0"), "crash rate 5.1%", Instant.now())))));
        long start = System.nanoTime();
        RolloutStateWriter.write(redis, keys, json, rolledBack, true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "ROLLBACK"
                        .equals(checkAs(TESTER, "2.1.0", "DE").extract().path("decisions[0].action")));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        checkAs(TESTER, "2.1.0", "DE")
                .body("decisions[0].reason", is("ROLLOUT_ROLLED_BACK"))
                .body("decisions[0].version", is("2.0.0"))
                .body("decisions[0].message", is("rollout r-1 was rolled back: crash rate 5.1%; go back to 2.0.0"));
        // A final rollout watches nobody: the long interval again.
        assertThat(checkAgainAfter(OTHER, "2.0.0")).isGreaterThan(3 * 3600L);
        // Old clients: the manifest never points at the rolled-back version, and the seed-001 update
        // endpoint sends them back too.
        given().get("/v1/manifest.json?family=" + family).then().body("current_version", is("2.0.0"));
        given().contentType("application/json")
                .body(Map.of("device_id", "legacy-1", "current_version", "2.1.0", "family", family))
                .post("/v1/model/update")
                .then()
                .body("need_update", is(true))
                .body("target_version", is("2.0.0"));
    }

    @Test
    @Order(6)
    void aRevertedReleaseWatchSendsDevicesOnItsVersionBack() throws Exception {
        FamilyRolloutState reverted = new FamilyRolloutState(
                family,
                40,
                Instant.now(),
                List.of(new ChannelState(
                        "stable",
                        "2.0.0",
                        null,
                        List.of(new RolledBackRollout(
                                "w-1",
                                "2.0.0",
                                List.of("2.1.0"),
                                "automatic revert by the guard: release 2.1.0: crash rate 6%",
                                Instant.now(),
                                RolledBackRollout.Kind.RELEASE_WATCH)))));
        RolloutStateWriter.write(redis, keys, json, reverted, true);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> checkAs(TESTER, "2.1.0", "DE")
                .extract()
                .<String>path("decisions[0].message")
                .startsWith("release watch"));
        checkAs(TESTER, "2.1.0", "DE")
                .body("decisions[0].action", is("ROLLBACK"))
                .body("decisions[0].version", is("2.0.0"))
                .body(
                        "decisions[0].message",
                        is("release watch w-1 reverted 2.1.0: automatic revert by the guard: release 2.1.0:"
                                + " crash rate 6%; go back to 2.0.0"));
        checkAs(OTHER, "2.0.0", "DE").body("decisions[0].action", is("NO_UPDATE"));
    }

    private static ValidatableResponse legacyUpdate(String deviceId, Map<String, Object> told) {
        Map<String, Object> body = new HashMap<>(told);
        body.put("device_id", deviceId);
        body.put("current_version", "2.0.0");
        body.put("family", family);
        return given().contentType("application/json")
                .body(body)
                .post("/v1/model/update")
                .then()
                .statusCode(200);
    }

    @Test
    @Order(7)
    void aRegionLimitedRolloutReachesSeed001ClientsInThatRegionOnly() throws Exception {
        FamilyRolloutState everyoneInDe = new FamilyRolloutState(
                family,
                100,
                Instant.now(),
                List.of(new ChannelState(
                        "stable",
                        "2.0.0",
                        new ActiveRollout(
                                "r-de",
                                "RUNNING",
                                "salt-de",
                                "2.0.0",
                                10_000, // basis points: everyone the rules admit
                                List.of(new Variant("target", "2.1.0", 1)),
                                new CohortRules(
                                        List.of("DE"),
                                        List.of(),
                                        null,
                                        null,
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        null,
                                        List.of()),
                                List.of(),
                                WATCH_SECONDS),
                        List.of())));
        RolloutStateWriter.write(redis, keys, json, everyoneInDe, true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .until(() -> Boolean.TRUE.equals(legacyUpdate("legacy-de-1", Map.of("region", "de"))
                        .extract()
                        .path("need_update")));

        legacyUpdate("legacy-de-1", Map.of("region", "de", "app_version", "v3.2"))
                .body("target_version", is("2.1.0"))
                .body("download_url", org.hamcrest.Matchers.notNullValue());
        legacyUpdate("legacy-us-1", Map.of("region", "US"))
                .body("need_update", is(false))
                .body("target_version", is("2.0.0"));
        legacyUpdate("legacy-none-1", Map.of())
                .body("need_update", is(false)) // a client that does not tell its region is in no region
                .body("target_version", is("2.0.0"));
        given().contentType("application/json")
                .body(Map.of(
                        "device_id", "legacy-bad-1", "current_version", "2.0.0", "family", family, "region", "Germany"))
                .post("/v1/model/update")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors[0].field", is("region"));
    }
}
