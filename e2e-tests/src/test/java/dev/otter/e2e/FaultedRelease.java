package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.scenario.Scenario;
import dev.otter.simulator.scenario.ScenarioConfig;
import dev.otter.simulator.scenario.ScenarioResult;
import io.restassured.path.json.JsonPath;
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
import org.junit.jupiter.api.TestInstance;

/**
 * The release scenario's fleet against the {@link ScaledSystem} while a subclass injects faults
 * once the rollout runs. Whatever the faults, the guard rolls the release back exactly once, every
 * accepted event is counted exactly once, and no device fails more ticks in a row than its retry
 * budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultedRelease {
    /** Ticks in a row a device may fail (a real SDK retries with backoff over this many). */
    static final int RETRY_BUDGET = 3;

    protected ScaledSystem system;
    protected String family;
    private ScenarioResult result;
    private final List<String> faults = new CopyOnWriteArrayList<>();
    private Instant start;

    /** The Redis the system runs on. */
    protected abstract ScaledSystem.Redis redis();

    /** Injects the faults, once the rollout runs; {@link #fault(String)} notes each. */
    protected abstract void injectFaults() throws Exception;

    /** Which notes must say the rollout was still running when they were taken. */
    protected abstract int faultsWhileRunning();

    @BeforeAll
    void runScenarioUnderFaults() throws Exception {
        system = ScaledSystem.start(redis());
        family = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        ScenarioConfig config = Scenarios.config(
                ScaledSystem.url("manifest-service"),
                ScaledSystem.url("rollout-service"),
                ScaledSystem.url("telemetry-service"),
                ScaledSystem.ADMIN_TOKEN,
                family,
                400,
                Duration.ofMinutes(5),
                0.15,
                BadSignal.CRASH,
                "BR",
                11);
        start = Instant.now();
        CompletableFuture<Void> chaos = CompletableFuture.runAsync(this::afterTheRolloutStarts);
        result = new Scenario(config, System.out).run();
        chaos.get(5, TimeUnit.MINUTES);
        String name = getClass().getSimpleName();
        faults.forEach(f -> System.out.println("[" + name + "] " + f));
        System.out.printf(
                "[%s] rolled back: %s; device ticks failed: %d; most in a row for one device: %d;"
                        + " reports told to wait (503/429): %d%n",
                name,
                result.rolledBack(),
                result.failedDeviceTicks(),
                result.longestDeviceFailure(),
                result.log().deferredReports());
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    private void afterTheRolloutStarts() {
        try {
            Awaitility.await()
                    .pollInterval(Duration.ofMillis(200))
                    .atMost(Duration.ofMinutes(3))
                    .ignoreExceptions()
                    .until(() -> "RUNNING".equals(ScaledSystem.rolloutStatus(family)));
            injectFaults();
        } catch (Exception e) {
            throw new IllegalStateException("fault injection failed", e);
        }
    }

    /** Notes what just happened, with the time since the scenario began and the rollout's status. */
    protected void fault(String what) {
        double at = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        String[] status = new String[1];
        // as an operator would: asked again until rollout-service answers (it may be restarting)
        Awaitility.await()
                .pollInterval(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> (status[0] = ScaledSystem.rolloutStatus(family)) != null);
        faults.add(String.format("+%5.1f s  %s; rollout %s", at, what, status[0]));
    }

    @Test
    void theFaultsHitWhileTheRolloutWasRunning() {
        assertThat(faults).hasSizeGreaterThanOrEqualTo(faultsWhileRunning());
        for (String note : faults.subList(0, faultsWhileRunning())) {
            assertThat(note).endsWith("rollout RUNNING");
        }
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
        FleetCounts.assertCountedExactly(sent, ScaledSystem.url("telemetry-service"), family, Duration.ofSeconds(60));
    }
}
