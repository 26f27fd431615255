package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.scenario.Scenario;
import dev.otter.simulator.scenario.ScenarioConfig;
import dev.otter.simulator.scenario.ScenarioResult;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The release scenario with a 2.1.0 that crashes no more than 2.0.0 but drains the battery
 * ({@code simulate.sh scenario --bad-signal battery}): the guard catches it on the battery signal
 * the rollout enforces and rolls it back by itself, with the evidence naming the signal.
 */
class BadSignalScenarioE2ETest {
    @Test
    void aReleaseThatDrainsTheBatteryIsRolledBackOnThatSignal() throws Exception {
        OtterSystem.get();
        String family = "battery-" + UUID.randomUUID().toString().substring(0, 8);
        ScenarioConfig config =
                Scenarios.onOtterSystem(family, 400, Duration.ofMinutes(4), 0.5, BadSignal.BATTERY, "BR", 11);
        ScenarioResult result = new Scenario(config, System.out).run();

        assertThat(result.rolledBack()).as("rolled back").isTrue();
        assertThat(result.crashToRollbackMillis())
                .as("first drained battery to ROLLBACK answer")
                .isBetween(0L, 120_000L);
        JsonPath audit = Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + result.rolloutId() + "/audit");
        assertThat(audit.getList("findAll { it.action == 'ROLLBACK' }.actor")).containsExactly("guard:telemetry");
        List<Map<String, Object>> triggers = Api.get(
                        OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + result.rolloutId() + "/guard-triggers")
                .getList("");
        assertThat(triggers).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) triggers.get(0).get("evidence");
        assertThat(evidence.get("signal")).isEqualTo("battery_over");
        assertThat((String) triggers.get(0).get("detail")).contains("share over the battery limit");
    }
}
