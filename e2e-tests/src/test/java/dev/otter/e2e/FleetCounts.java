package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.simulator.scenario.ScenarioResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** What a simulated fleet reported against what telemetry-service counted, as "version metric" → n. */
final class FleetCounts {
    private FleetCounts() {}

    /** Every event the fleet had accepted (a 202), once each. */
    static Map<String, Long> sent(ScenarioResult result) {
        Map<String, Long> sent = new TreeMap<>();
        result.log().reported().forEach((key, n) -> {
            String[] p = key.split("\\|"); // rollout|variant|version|metric
            sent.merge(p[2] + " " + p[3], n, Long::sum);
        });
        return sent;
    }

    /**
     * Asserts that the history reaches exactly what the fleet sent and stays there: counts only grow,
     * so wait (up to {@code catchUp}) until every figure is reached, then for two more roll-ups
     * nothing may exceed it — anything counted twice would show by then.
     */
    static void assertCountedExactly(Map<String, Long> sent, String telemetryUrl, String family, Duration catchUp) {
        try {
            Awaitility.await().atMost(catchUp).until(() -> {
                Map<String, Long> counted = counted(telemetryUrl, family);
                return sent.entrySet().stream().allMatch(e -> counted.getOrDefault(e.getKey(), 0L) >= e.getValue());
            });
        } catch (ConditionTimeoutException e) {
            // say which figures fell short, and by how much
            assertThat(counted(telemetryUrl, family))
                    .as("counted after " + catchUp)
                    .isEqualTo(sent);
        }
        Awaitility.await()
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(15))
                .until(() -> counted(telemetryUrl, family).equals(sent));
        assertThat(counted(telemetryUrl, family)).isEqualTo(sent);
    }

    /** The counts rolled up into telemetry-service's history for the family's two versions. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> counted(String telemetryUrl, String family) {
        Map<String, Long> out = new TreeMap<>();
        for (String version : List.of("2.0.0", "2.1.0")) {
            List<Map<String, Object>> hours = Api.get(
                            telemetryUrl + "/api/v1/telemetry/versions/" + family + "/" + version + "/history?hours=2")
                    .getList("", Map.class)
                    .stream()
                    .map(m -> (Map<String, Object>) m)
                    .toList();
            for (Map<String, Object> hour : hours) {
                ((Map<String, Object>) hour.get("metrics"))
                        .forEach((metric, n) -> out.merge(version + " " + metric, ((Number) n).longValue(), Long::sum));
            }
        }
        return out;
    }
}
