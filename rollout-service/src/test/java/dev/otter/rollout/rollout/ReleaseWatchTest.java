package dev.otter.rollout.rollout;

import static dev.otter.rollout.testing.RolloutApi.action;
import static dev.otter.rollout.testing.RolloutApi.createId;
import static dev.otter.rollout.testing.RolloutApi.put;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.Channel;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ChannelPolicy;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.contract.telemetry.Verdict;
import dev.otter.contract.version.SemVer;
import dev.otter.rollout.rollout.repository.ChannelNewestRepository;
import dev.otter.rollout.rollout.repository.ReleaseWatchRepository;
import dev.otter.rollout.testing.CatalogStubResource;
import dev.otter.rollout.testing.Triggers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A version that reaches devices without a rollout (a pinned default, a completed rollout) is
 * watched; the guard's trigger through the real broker puts the default back and sends the devices
 * on it back; a watch ends when its period is over or the default changes again.
 */
@QuarkusTest
class ReleaseWatchTest {
    @Inject
    ObjectMapper json;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ReleaseWatchRepository repository;

    @Inject
    ChannelNewestRepository newest;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    @Test
    void aBreachRevertsThePinnedDefaultAndSendsItsDevicesBack() throws Exception {
        String family = uniqueFamily();
        pin(family, "2.0.0");
        pin(family, "2.1.0");
        String watchId = openWatch(family);
        ReleaseWatch published = published(watchId);
        assertThat(published.version()).isEqualTo("2.1.0");
        assertThat(published.previousVersion()).isEqualTo("2.0.0");
        assertThat(published.cause()).isEqualTo(ReleaseWatch.Cause.PINNED);
        assertThat(published.endsAt()).isAfter(published.startedAt().plus(Duration.ofHours(23)));
        assertThat(published.guard().signals()).hasSize(8);

        GuardTrigger breach = trigger(watchId);
        send(breach);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "REVERTED"
                .equals(given().get("/api/v1/release-watches/" + watchId)
                        .then()
                        .extract()
                        .path("status")));
        given().get("/api/v1/release-watches/" + watchId)
                .then()
                .body("end_reason", containsString("automatic revert by the guard: 2.1.0: load_failure"));
        given().get("/api/v1/channel-defaults/" + family).then().body("version", contains("2.0.0"));
        given().get("/api/v1/audit?family=" + family)
                .then()
                .body("[0].action", is("SET_CHANNEL_DEFAULT"))
                .body("[0].actor", is("guard:telemetry"))
                .body("[0].before.version", is("2.1.0"))
                .body("[0].after.version", is("2.0.0"))
                .body("[0].detail", containsString("\"signal\":\"load_failure\""));

        // Devices on 2.1.0 are told to go back to 2.0.0, and the watch is no longer published.
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        stable(family) != null && !stable(family).rolledBack().isEmpty());
        RolledBackRollout reverted = stable(family).rolledBack().get(0);
        assertThat(reverted.kind()).isEqualTo(RolledBackRollout.Kind.RELEASE_WATCH);
        assertThat(reverted.versions()).containsExactly("2.1.0");
        assertThat(stable(family).defaultVersion()).isEqualTo("2.0.0");
        assertThat(ChannelPolicy.compile(stable(family)).outsideCohort().rolledBack())
                .containsKey(SemVer.parse("2.1.0"));
        assertThat(redis.hash(String.class).hget(keys.releaseWatches(), watchId))
                .isNull();

        // Redelivered: nothing changes; both recorded against the watch.
        send(breach);
        send(trigger(watchId));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(
                        "/api/v1/release-watches/" + watchId + "/guard-triggers")
                .then()
                .extract()
                .path("size()")
                .equals(2));
        given().get("/api/v1/release-watches/" + watchId + "/guard-triggers")
                .then()
                .body("outcome", contains("APPLIED", "IGNORED"))
                .body("[0].evidence.signal", is("load_failure"));
        given().get("/api/v1/audit?family=" + family + "&limit=1000")
                .then()
                .body("findAll { it.actor == 'guard:telemetry' }.size()", is(1));
    }

    @Test
    void aCompletedRolloutIsWatchedWithItsGuardAndANewPinSupersedesIt() {
        String family = uniqueFamily();
        String id = createId(simpleRollout(family));
        action(id, "start", null).statusCode(200);
        action(id, "complete", null).statusCode(200);
        String watchId = openWatch(family);
        given().get("/api/v1/release-watches?family=" + family)
                .then()
                .body("[0].cause", is("completed"))
                .body("[0].version", is("2.1.0"))
                .body("[0].previous_version", is("2.0.0"))
                .body("[0].guard.crash_rate_threshold", is(0.02f))
                .body("[0].guard.signals[0].signal", is("crash"))
                .body("[0].guard.signals[0].mode", is("enforce"));

        pin(family, "2.2.0");
        given().get("/api/v1/release-watches/" + watchId)
                .then()
                .body("status", is("SUPERSEDED"))
                .body("end_reason", is("the channel default changed to 2.2.0"));
        given().get("/api/v1/release-watches?family=" + family)
                .then()
                .body("status", contains("WATCHING", "SUPERSEDED"))
                .body("[0].version", is("2.2.0"))
                .body("[0].previous_version", is("2.1.0"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> redis.hash(String.class).hget(keys.releaseWatches(), watchId) == null);
    }

    @Test
    void aWatchWhosePeriodIsOverPassesAndALateTriggerIsIgnored() throws Throwable {
        String family = uniqueFamily();
        pin(family, "2.0.0");
        pin(family, "2.1.0");
        String watchId = openWatch(family);
        // Its period ends (moved into the past for the test); the scheduled close passes it and only it.
        Instant ended = Instant.now().minusSeconds(1);
        VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> repository.update("endsAt = ?1 where id = ?2", ended, watchId)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "PASSED"
                .equals(given().get("/api/v1/release-watches/" + watchId)
                        .then()
                        .extract()
                        .path("status")));
        given().get("/api/v1/release-watches/" + watchId).then().body("end_reason", containsString("without a breach"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> redis.hash(String.class).hget(keys.releaseWatches(), watchId) == null);

        send(trigger(watchId));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(
                        "/api/v1/release-watches/" + watchId + "/guard-triggers")
                .then()
                .extract()
                .path("size()")
                .equals(1));
        given().get("/api/v1/release-watches/" + watchId + "/guard-triggers")
                .then()
                .body("[0].outcome", is("IGNORED"));
        given().get("/api/v1/channel-defaults/" + family).then().body("version", contains("2.1.0"));
    }

    @Test
    void watchesAreListedPerFamilyAndUnknownOnesAre404() {
        given().get("/api/v1/release-watches").then().statusCode(400).body("code", is("VALIDATION_FAILED"));
        given().get("/api/v1/release-watches/no-such-watch")
                .then()
                .statusCode(404)
                .body("code", is("RELEASE_WATCH_NOT_FOUND"));
        String family = uniqueFamily();
        pin(family, "2.0.0"); // the first pin replaces no chosen version: nothing to compare against
        given().get("/api/v1/release-watches?family=" + family).then().body("size()", is(0));
    }

    private String seenNewest(String family) {
        try {
            var row = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> newest.find(family, Channel.STABLE)));
            return row == null ? null : row.version;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void pin(String family, String version) {
        put("/api/v1/channel-defaults/" + family + "/stable", Map.of("version", version))
                .statusCode(200);
    }

    private static String openWatch(String family) {
        return given().get("/api/v1/release-watches?family=" + family)
                .then()
                .statusCode(200)
                .body("[0].status", is("WATCHING"))
                .extract()
                .path("[0].id");
    }

    private ReleaseWatch published(String watchId) throws Exception {
        String body = redis.hash(String.class).hget(keys.releaseWatches(), watchId);
        assertThat(body).as("watch %s published", watchId).isNotNull();
        return json.readValue(body, ReleaseWatch.class);
    }

    private ChannelState stable(String family) throws Exception {
        String body = redis.hash(String.class).hget(keys.rolloutSnapshots(), family);
        if (body == null) {
            return null;
        }
        return json.readValue(body, FamilyRolloutState.class).channels().stream()
                .filter(c -> c.channel().equals("stable"))
                .findFirst()
                .orElse(null);
    }

    private void send(GuardTrigger trigger) throws Exception {
        Triggers.send(bootstrap, KafkaTopic.GUARD_TRIGGERS.topicName(namespace), json, trigger);
    }

    private static GuardTrigger trigger(String watchId) {
        GuardTrigger.SignalEvidence load = new GuardTrigger.SignalEvidence(
                "load_failure", "enforce", Verdict.UNHEALTHY, 40, 400, 0.02, 0.03, 19.5, 17.0, 40, 400, 4);
        return new GuardTrigger(
                UUID.randomUUID().toString(),
                null,
                watchId,
                null,
                "2.1.0",
                "2.1.0: load_failure rate 10% above 3%",
                new GuardTrigger.Evidence(
                        900,
                        9,
                        0.01,
                        0.005,
                        0.019,
                        0.02,
                        3000,
                        30,
                        0.01,
                        0.01,
                        1800,
                        19.5,
                        17.0,
                        0.03,
                        400,
                        40,
                        4,
                        "load_failure",
                        List.of(load)),
                Instant.now());
    }

    @Test
    void aNewerVersionPublishedOnAChannelWithoutADefaultIsWatchedAndABreachPinsThePreviousOne() throws Exception {
        String family = uniqueFamily();
        CatalogStubResource.LISTED.put(
                family, new java.util.concurrent.ConcurrentHashMap<>(Map.of("2.0.0", "PUBLISHED/stable")));
        try {
            // first seen: nothing to compare with, no watch
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seenNewest(family) != null);
            given().get("/api/v1/release-watches?family=" + family).then().body("size()", is(0));
            given().get("/api/v1/release-watches/newest-seen?family=" + family)
                    .then()
                    .body("channel", contains("stable"))
                    .body("version", contains("2.0.0"));

            CatalogStubResource.LISTED.get(family).put("2.1.0", "PUBLISHED/stable");
            CatalogStubResource.LISTED.get(family).put("2.2.0", "DRAFT/stable"); // not published: not newest
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(
                            "/api/v1/release-watches?family=" + family)
                    .then()
                    .extract()
                    .path("size()")
                    .equals(1));
            given().get("/api/v1/release-watches?family=" + family)
                    .then()
                    .body("[0].cause", is("newest_published"))
                    .body("[0].version", is("2.1.0"))
                    .body("[0].previous_version", is("2.0.0"))
                    .body("[0].started_by", is("catalog"));
            String watchId = openWatch(family);
            assertThat(published(watchId).cause()).isEqualTo(ReleaseWatch.Cause.NEWEST_PUBLISHED);

            send(trigger(watchId));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "REVERTED"
                    .equals(given().get("/api/v1/release-watches/" + watchId)
                            .then()
                            .extract()
                            .path("status")));
            given().get("/api/v1/channel-defaults/" + family).then().body("version", contains("2.0.0"));
        } finally {
            CatalogStubResource.LISTED.remove(family);
        }
    }
}
