package dev.otter.manifest.health;

import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.Health;
import dev.otter.testsupport.BackendProxies;
import dev.otter.testsupport.CuttableProxy;
import dev.otter.testsupport.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Readiness means "can serve": manifest-service answers update checks from memory, so while Redis and
 * then PostgreSQL are away (cut at a proxy in front of each, under a steady load of update checks)
 * the probe that Kubernetes uses stays UP and every update check is answered; the outage shows in
 * the dependencies health group and the {@code otter_backend_up} gauge, and clears when it ends.
 */
@QuarkusTest
@TestProfile(RidesOutOutagesTest.ThroughProxies.class)
class RidesOutOutagesTest {
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    /** PostgreSQL and Redis behind proxies the test can cut; the backend gauge polled every second. */
    public static class ThroughProxies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("otter.health.poll-interval", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BackendProxies.class));
        }
    }

    @Test
    void staysReadyAndAnswersEveryUpdateCheckThroughARedisAndThenAPostgresOutage() throws Exception {
        String family = uniqueFamily("outage");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        Map<String, Object> body = checkBody(family, null, "1b", 8192, "stable");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answer(body) == 200);

        Load load = new Load(body);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() > 20);
            int redisProbes = outage(BackendProxies.redis(), "redis");
            int postgresProbes = outage(BackendProxies.postgres(), "postgresql");
            assertThat(redisProbes + postgresProbes).isGreaterThan(20);
        } finally {
            load.stop();
        }
        assertThat(load.statuses())
                .as("update checks answered during both outages")
                .containsOnlyKeys(200);
        assertThat(load.answered()).isGreaterThan(100);
    }

    /** Cuts one backend for {@link #OUTAGE}; returns how many readiness probes were answered UP. */
    private static int outage(CuttableProxy proxy, String backend) throws InterruptedException {
        proxy.cut();
        int probes = 0;
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> backendStatus(backend).equals("DOWN")
                            && gauge(backend).equals("0.0"));
            long end = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < end) {
                int status = given().get(ReadinessContract.READINESS_PROBE).statusCode();
                assertThat(status)
                        .as("readiness during the " + backend + " outage")
                        .isEqualTo(200);
                probes++;
                Thread.sleep(200); // the kubelet probes every few seconds; this is a denser sample
            }
        } finally {
            proxy.restore();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        backendStatus(backend).equals("UP") && gauge(backend).equals("1.0"));
        return probes;
    }

    private static String backendStatus(String backend) {
        List<Map<String, Object>> checks =
                given().get(ReadinessContract.DEPENDENCIES).jsonPath().getList("checks");
        return checks.stream()
                .filter(c -> backend.equals(c.get("name")))
                .map(c -> String.valueOf(c.get("status")))
                .findFirst()
                .orElse("missing");
    }

    private static String gauge(String backend) {
        String prefix = Health.BACKEND_UP_METRIC + "{backend=\"" + backend + "\",gates_readiness=\"false\"} ";
        return given().get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim())
                .findFirst()
                .orElse("missing");
    }

    private static int answer(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/update-check")
                .statusCode();
    }

    /** Two threads sending update checks back to back, counting answers by status. */
    private static final class Load {
        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();

        Load(Map<String, Object> body) {
            for (int i = 0; i < 2; i++) {
                threads.submit(() -> {
                    while (running.get()) {
                        byStatus.computeIfAbsent(answer(body), s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                });
            }
        }

        int answered() {
            return byStatus.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        Map<Integer, AtomicInteger> statuses() {
            return Map.copyOf(byStatus);
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
