package dev.otter.manifest.signal;

import static dev.otter.manifest.testing.CatalogApi.addArtifact;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.post;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.transition;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ActiveRollout;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.contract.rollout.Variant;
import dev.otter.manifest.rollout.snapshot.RolloutStateCache;
import dev.otter.manifest.signal.repository.PushDeliveryRepository;
import dev.otter.manifest.signing.service.SigningKeys;
import dev.otter.manifest.testing.RolloutStateWriter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The push-gateway webhook against a local receiver (a real HTTP server) and real Redis and
 * PostgreSQL: a rollback is POSTed once, signed, retried after the receiver fails; a receiver that
 * keeps failing dead-letters the signal, which an operator can list and retry; retirements and
 * urgent releases are signalled per version.
 */
@QuarkusTest
@TestProfile(PushWebhookTest.WithReceiver.class)
class PushWebhookTest {
    // The profile and the test run in different class loaders: the port is shared through a system property.
    static final int PORT = sharedPort();

    /** The webhook points at the receiver; tries come fast and run out after three. */
    public static class WithReceiver implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "otter.namespace", "otter-test-pw" + Long.toString(System.nanoTime() % 100_000),
                    "otter.manifest.push.webhook-url", "http://127.0.0.1:" + PORT + "/hooks/otter",
                    "otter.manifest.push.initial-backoff", "200ms",
                    "otter.manifest.push.max-attempts", "3",
                    "otter.manifest.push.poll-interval", "1s");
        }
    }

    /** One POST as the receiver got it. */
    record Received(String delivery, String signature, byte[] body, int answered) {}

    static final List<Received> received = new CopyOnWriteArrayList<>();
    /** Deliveries the receiver fails this many more times (absent: answer 204). */
    static final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Families whose signals the receiver always fails. */
    static final Set<String> broken = ConcurrentHashMap.newKeySet();

    static Vertx vertx;
    static HttpServer receiver;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    PushDeliveryRepository outbox;

    @Inject
    RolloutStateCache rollouts;

    @BeforeAll
    static void startReceiver() throws Exception {
        vertx = Vertx.vertx();
        receiver = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    String delivery = req.getHeader("Otter-Delivery");
                    int remaining = failures.getOrDefault(delivery, 0);
                    boolean fail = remaining > 0
                            || broken.stream().anyMatch(f -> body.toString().contains(f));
                    if (remaining > 0) {
                        failures.put(delivery, remaining - 1);
                    }
                    int status = fail ? 500 : 204;
                    received.add(new Received(delivery, req.getHeader("Otter-Signature"), body.getBytes(), status));
                    req.response().setStatusCode(status).end();
                }))
                .listen(PORT, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopReceiver() {
        vertx.close();
    }

    @Test
    void aRollbackIsPostedOnceSignedAndRetriedUntilTheGatewayTakesIt() throws Exception {
        String family = catalog();
        String delivery = "rollback:r-" + family;
        failures.put(delivery, 1);
        write(running(family, 1, ActiveRollout.RUNNING));
        write(rolledBack(family, 2));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> posts(delivery).stream()
                .anyMatch(r -> r.answered() == 204));
        List<Received> posts = posts(delivery);
        assertThat(posts).extracting(Received::answered).containsExactly(500, 204);

        Received last = posts.get(1);
        assertThat(last.signature()).startsWith("keyid=dev-1;alg=Ed25519;sig=");
        assertThat(SigningKeys.verify(
                        activeKey(),
                        last.body(),
                        last.signature().substring(last.signature().indexOf("sig=") + 4)))
                .isTrue();
        JsonNode signal = json.readTree(last.body());
        assertThat(signal.get("id").asText()).isEqualTo(delivery);
        assertThat(signal.get("reason").asText()).isEqualTo("ROLLBACK");
        assertThat(signal.get("family").asText()).isEqualTo(family);
        assertThat(signal.get("channel").asText()).isEqualTo("stable");
        assertThat(signal.get("versions").get(0).asText()).isEqualTo("2.1.0");

        given().get("/api/v1/push/deliveries?status=DELIVERED")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + delivery + "' }.attempts", is(2));
        // Every instance offers the same signal; only the first offer is kept, so it is sent once.
        assertThat(outbox.offer(List.<String[]>of(new String[] {delivery, "{}"}), Instant.now())
                        .await()
                        .atMost(Duration.ofSeconds(5)))
                .isZero();
        Awaitility.await()
                .during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(2))
                .until(() -> posts(delivery).size() == 2);
    }

    @Test
    void aGatewayThatKeepsFailingDeadLettersTheSignalAndAnOperatorCanRetryIt() throws Exception {
        String family = catalog();
        broken.add(family);
        write(running(family, 1, ActiveRollout.RUNNING));
        write(running(family, 2, ActiveRollout.PAUSED));
        String delivery = "paused:r-" + family + ":2";
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(
                        "/api/v1/push/deliveries?status=DEAD")
                .then()
                .body("id", hasItem(delivery)));
        assertThat(posts(delivery)).hasSize(3).allMatch(r -> r.answered() == 500);
        given().get("/api/v1/push/deliveries?status=DEAD")
                .then()
                .body("find { it.id == '" + delivery + "' }.last_error", is("the gateway answered 500"))
                .body("find { it.id == '" + delivery + "' }.signal.reason", is("WITHDRAWN"));

        broken.remove(family);
        given().post("/api/v1/push/deliveries/" + delivery + "/retry").then().statusCode(204);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> posts(delivery).stream()
                .anyMatch(r -> r.answered() == 204));
        given().post("/api/v1/push/deliveries/" + delivery + "/retry")
                .then()
                .statusCode(404)
                .body("code", is("DELIVERY_NOT_FOUND"));
        given().get("/api/v1/push/deliveries?status=LOST")
                .then()
                .statusCode(400)
                .body("code", is("INVALID_PARAMETER"));
    }

    @Test
    void retirementsAndUrgentReleasesAreSignalledPerVersion() {
        String family = catalog();
        transition(family, "2.0.0", "retire", "license ended").statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> posts("retired:" + family + ":2.0.0").stream()
                .anyMatch(r -> r.answered() == 204));
        post(
                        "/api/v1/families/" + family + "/versions",
                        Map.of("version", "2.2.0", "urgent", true, "urgent_reason", "fixes a prompt-injection hole"))
                .statusCode(201);
        addArtifact(family, "2.2.0", "1b", 612_000_000L, 2048).statusCode(201);
        transition(family, "2.2.0", "publish", null).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> posts("urgent:" + family + ":2.2.0").stream()
                .anyMatch(r -> r.answered() == 204));
    }

    private static String catalog() {
        String family = uniqueFamily("push");
        createFamily(family).statusCode(201);
        publish(family, "2.0.0");
        publish(family, "2.1.0");
        return family;
    }

    private static List<Received> posts(String delivery) {
        return received.stream().filter(r -> delivery.equals(r.delivery())).toList();
    }

    private static byte[] activeKey() {
        return Base64.getUrlDecoder()
                .decode(given().get("/.well-known/otter-keys.json")
                        .then()
                        .extract()
                        .path("keys[0].public_key")
                        .toString());
    }

    /** Writes a state and waits until this instance uses it (a change is a step from one state to the next). */
    private void write(FamilyRolloutState state) throws Exception {
        RolloutStateWriter.write(redis, keys, json, state, true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> rollouts.version(state.family()) >= state.version());
    }

    private static FamilyRolloutState running(String family, long version, String status) {
        ActiveRollout active = new ActiveRollout(
                "r-" + family,
                status,
                "salt",
                "2.0.0",
                500,
                List.of(new Variant("target", "2.1.0", 1)),
                CohortRules.EVERYONE,
                List.of(),
                120);
        return new FamilyRolloutState(
                family, version, Instant.now(), List.of(new ChannelState("stable", "2.0.0", active, List.of())));
    }

    private static FamilyRolloutState rolledBack(String family, long version) {
        return new FamilyRolloutState(
                family,
                version,
                Instant.now(),
                List.of(new ChannelState(
                        "stable",
                        "2.0.0",
                        null,
                        List.of(new RolledBackRollout(
                                "r-" + family, "2.0.0", List.of("2.1.0"), "crash rate 5%", Instant.now())))));
    }

    private static synchronized int sharedPort() {
        String key = "otter.test.push-receiver-port";
        if (System.getProperty(key) == null) {
            System.setProperty(key, Integer.toString(freePort()));
        }
        return Integer.getInteger(key);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
