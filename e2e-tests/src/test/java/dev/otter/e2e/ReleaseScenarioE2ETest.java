package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.rollout.Bucketing;
import dev.otter.simulator.device.Device;
import dev.otter.simulator.files.DemoModels;
import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.scenario.Scenario;
import dev.otter.simulator.scenario.ScenarioConfig;
import dev.otter.simulator.scenario.ScenarioResult;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release scenario of the simulator, end to end: 600 simulated devices against the three
 * services and the real backends install 2.0.0, receive a bad 2.1.0 through a 5 % → 25 % → 100 %
 * rollout that excludes one region, crash, and are rolled back by the guard. Then the fleet and the
 * services are checked against each other.
 */
class ReleaseScenarioE2ETest {
    private static final String EXCLUDED = "BR";
    private static ScenarioResult result;
    private static String family;

    @BeforeAll
    static void runScenario() throws Exception {
        OtterSystem.get();
        family = "release-" + UUID.randomUUID().toString().substring(0, 8);
        // devices check with a fixed chance per tick: no compressed clock, and no update streams
        ScenarioConfig config =
                Scenarios.onOtterSystem(family, 600, Duration.ofMinutes(4), 0.15, BadSignal.CRASH, EXCLUDED, 7);
        result = new Scenario(config, System.out).run();
    }

    @Test
    void theGuardRolledTheReleaseBackByItself() {
        assertThat(result.rolledBack()).as("rolled back").isTrue();
        assertThat(result.log().refusals())
                .as("every answer was signed, fresh and in order")
                .isEmpty();
        assertThat(result.crashToRollbackMillis())
                .as("crash to ROLLBACK answer")
                .isBetween(0L, 60_000L);
        JsonPath audit = Api.get(OtterSystem.rolloutUrl() + "/api/v1/rollouts/" + result.rolloutId() + "/audit");
        assertThat(audit.getString("[0].action")).isEqualTo("ROLLBACK");
        assertThat(audit.getString("[0].actor")).isEqualTo("guard:telemetry");
        assertThat(audit.getList("findAll { it.action == 'ROLLBACK' }.actor")).containsExactly("guard:telemetry");
    }

    @Test
    void onlyTheIntendedCohortReceivedTheBadVersion() {
        Map<String, Device> byId = new HashMap<>();
        result.devices().forEach(d -> byId.put(d.profile().installId(), d));
        List<String> got = result.log().received().entrySet().stream()
                .filter(e -> e.getValue().contains("2.1.0"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(got).as("some devices received 2.1.0").isNotEmpty();
        assertThat(result.devices())
                .as("the excluded region is in the fleet")
                .anyMatch(d -> d.profile().region().equals(EXCLUDED));
        for (String installId : got) {
            Device d = byId.get(installId);
            assertThat(d.profile().region()).as(installId + " region").isNotEqualTo(EXCLUDED);
            assertThat(Bucketing.bucket(result.salt(), installId))
                    .as(installId + " bucket")
                    .isLessThan(result.maxPercentageBp());
        }
    }

    @Test
    void assignmentsWereStickyAcrossChecks() {
        Map<String, Set<String>> assignments = result.log().assignments();
        assertThat(assignments).as("devices were assigned").isNotEmpty();
        assignments.forEach((installId, seen) -> {
            assertThat(seen).as(installId + " assignments").hasSize(1);
            assertThat(seen.iterator().next()).isEqualTo(result.rolloutId() + "/target");
            assertThat(Bucketing.bucket(result.salt(), installId)).isLessThan(result.maxPercentageBp());
        });
    }

    @Test
    void everyDeviceEndsOnTheGoodVersionWithAVerifiedFile() throws IOException {
        Map<String, String> shaByTier = new HashMap<>();
        Api.get(OtterSystem.manifestUrl() + "/api/v1/families/" + family + "/versions/2.0.0")
                .getList("artifacts", Map.class)
                .forEach(a -> shaByTier.put((String) a.get("tier"), (String) a.get("sha256")));
        for (Device d : result.devices()) {
            assertThat(d.state().current()).as(d.profile().installId()).isNotNull();
            assertThat(d.state().current().version()).isEqualTo("2.0.0");
            String expected = shaByTier.get(d.state().current().tier());
            assertThat(d.state().current().sha256()).isEqualTo(expected);
            assertThat(DemoModels.sha256(d.currentModelFile())).isEqualTo(expected);
            assertThat(d.state().pending()).isNull();
        }
        // The network corrupted ~2 % of downloads and broke ~5 % of them:
        // those were discarded or resumed, and still every device holds a verified file.
        assertThat(result.log().verifyFailures()).as("corrupt downloads caught").isPositive();
        assertThat(result.log().resumedDownloads()).as("downloads resumed").isPositive();
        // 2.1.0 came as a delta patch from 2.0.0 wherever one was ready and applied; the devices
        // rolled back went back to their kept 2.0.0 file.
        assertThat(result.log().patchedByTier()).as("models obtained by patch").isNotEmpty();
    }

    @Test
    void noEventWasCountedTwice() {
        Map<String, Long> sent = FleetCounts.sent(result);
        assertThat(sent.get("2.1.0 fatal")).as("crashes of 2.1.0 were reported").isPositive();
        FleetCounts.assertCountedExactly(sent, OtterSystem.telemetryUrl(), family, Duration.ofSeconds(30));
        assertThat(result.log().duplicateSends())
                .as("the fleet did resend batches")
                .isPositive();
    }
}
