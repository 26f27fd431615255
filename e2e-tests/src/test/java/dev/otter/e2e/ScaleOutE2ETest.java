package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.simulator.scenario.Scenario;
import dev.otter.simulator.scenario.ScenarioConfig;
import dev.otter.simulator.scenario.ScenarioResult;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many replicas under faults: the release scenario's fleet, spread over two instances of each
 * service on a Redis Cluster, while — once the rollout has started — one manifest-service and one
 * telemetry-service are killed with SIGKILL and started again, and the Kafka broker is restarted.
 * The guard still rolls the release back exactly once, every accepted event is counted exactly once,
 * and no device fails more ticks in a row than its retry budget.
 */
class ScaleOutE2ETest {
    /** Ticks in a row a device may fail (a real SDK retries with backoff over this many). */
    static final int RETRY_BUDGET = 3;

    private static ScaledSystem system;
    private static ScenarioResult result;
    private static String family;
    private static final List<String> faults = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void runScenarioUnderFaults() throws Exception {
        system = ScaledSystem.start();
        family = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Path.of(System.getProperty("otter.e2e.logs", "target/e2e-logs"))
                .resolveSibling("simulator")
                .resolve(family);
        ScenarioConfig config = new ScenarioConfig(
                ScaledSystem.url("manifest-service"),
                ScaledSystem.url("rollout-service"),
                ScaledSystem.url("telemetry-service"),
                ScaledSystem.ADMIN_TOKEN,
                400,
                dir.resolve("devices"),
                dir.resolve("files"),
                family,
                Duration.ofMillis(500),
                Duration.ofSeconds(4),
                Duration.ofMinutes(5),
                0.002,
                0.15,
                100,
                "BR",
                11,
                16,
                0,
                0);
        CompletableFuture<Void> chaos = CompletableFuture.runAsync(ScaleOutE2ETest::injectFaults);
        result = new Scenario(config, System.out).run();
        chaos.get(5, TimeUnit.MINUTES);
        faults.forEach(f -> System.out.println("[scale-out] " + f));
        System.out.printf(
                "[scale-out] rolled back: %s; device ticks failed: %d; most in a row for one device: %d;"
                        + " reports told to wait (503/429): %d%n",
                result.rolledBack(),
                result.failedDeviceTicks(),
                result.longestDeviceFailure(),
                result.log().deferredReports());
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    // Once the rollout runs: kill one manifest-service and one telemetry-service, restart the broker
    // while they are down, then bring them back — all while the guard is still gathering evidence.
    private static void injectFaults() {
        try {
            Instant start = Instant.now();
            Awaitility.await()
                    .pollInterval(Duration.ofMillis(200))
                    .atMost(Duration.ofMinutes(3))
                    .until(() -> !Api.get(ScaledSystem.url("rollout-service") + "/api/v1/rollouts?family=" + family)
                            .getList("")
                            .isEmpty());
            system.killFirst("manifest-service");
            system.killFirst("telemetry-service");
            faults.add(at(start) + "SIGKILL manifest-service-1 and telemetry-service-1; rollout "
                    + ScaledSystem.rolloutStatus(family));
            system.restartKafka();
            faults.add(at(start) + "Kafka broker restarted; rollout " + ScaledSystem.rolloutStatus(family));
            system.restartFirst("manifest-service", "telemetry-service");
            faults.add(at(start) + "both killed instances ready again; rollout " + ScaledSystem.rolloutStatus(family));
        } catch (Exception e) {
            throw new IllegalStateException("fault injection failed", e);
        }
    }

    private static String at(Instant start) {
        return String.format(
                "+%5.1f s  ", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    @Test
    void theFaultsHitWhileTheRolloutWasRunning() {
        assertThat(faults).hasSize(3);
        assertThat(faults.get(0)).endsWith("rollout RUNNING");
        assertThat(faults.get(1)).endsWith("rollout RUNNING");
    }

    @Test
    void theGuardRolledTheReleaseBackExactlyOnce() {
        assertThat(result.rolledBack()).as("rolled back").isTrue();
        JsonPath audit =
                Api.get(ScaledSystem.url("rollout-service") + "/api/v1/rollouts/" + result.rolloutId() + "/audit");
        assertThat(audit.getList("findAll { it.action == 'ROLLBACK' }.actor")).containsExactly("guard:telemetry");
        assertThat(result.log().refusals())
                .as("every answer was signed, fresh and in order")
                .isEmpty();
    }

    @Test
    void noDeviceFailedLongerThanItsRetryBudget() {
        assertThat(result.longestDeviceFailure()).isLessThanOrEqualTo(RETRY_BUDGET);
    }

    @Test
    void everyAcceptedEventWasCountedExactlyOnce() {
        Map<String, Long> sent = FleetCounts.sent(result);
        assertThat(sent.get("2.1.0 fatal")).as("crashes of 2.1.0 were reported").isPositive();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, Long> counted = counted();
            return sent.entrySet().stream().allMatch(e -> counted.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
        Awaitility.await()
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(15))
                .until(() -> counted().equals(sent));
        assertThat(counted()).isEqualTo(sent);
    }

    private static Map<String, Long> counted() {
        return FleetCounts.counted(ScaledSystem.url("telemetry-service"), family);
    }
}
