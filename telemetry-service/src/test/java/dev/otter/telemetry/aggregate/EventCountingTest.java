package dev.otter.telemetry.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.telemetry.TelemetryEvent;
import dev.otter.telemetry.aggregate.service.CounterKeys;
import dev.otter.telemetry.aggregate.service.EventCounting;
import dev.otter.telemetry.aggregate.service.Increment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fields one event increments: its region always, the other segment dimensions it tells too. */
class EventCountingTest {
    private static final CounterKeys KEYS = new CounterKeys("t");

    private static TelemetryEvent crash(String rollout, String platform, String deviceClass, String os) {
        return new TelemetryEvent(
                "e-00000001",
                "error",
                Instant.now(),
                true,
                null,
                "fam",
                "2.1.0",
                rollout,
                rollout == null ? null : "target",
                null,
                platform,
                deviceClass,
                "BR",
                null,
                "FATAL",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                os);
    }

    // A resource report over the CPU limit (95 %).
    private static TelemetryEvent resource(String rollout, String platform, String os) {
        TelemetryEvent c = crash(rollout, platform, null, os);
        return new TelemetryEvent(
                "e-00000002",
                "resource",
                c.occurredAt(),
                true,
                null,
                c.family(),
                c.version(),
                rollout,
                c.variant(),
                null,
                platform,
                null,
                c.region(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                95.0,
                null,
                null,
                null,
                os);
    }

    @Test
    void aRolloutEventCountsUnderItsRegionAndEveryOtherDimensionItTells() {
        assertThat(EventCounting.increments(KEYS, crash("r1", "iOS", "Phone", "17.4.1"), 7, 10).stream()
                        .map(Increment::field))
                .containsExactly(
                        "fam|2.1.0|target|BR|fatal",
                        "fam|2.1.0|target|PLATFORM|ios|fatal",
                        "fam|2.1.0|target|DEVICE_CLASS|phone|fatal",
                        "fam|2.1.0|target|OS_MAJOR|ios 17|fatal");
        assertThat(EventCounting.increments(KEYS, crash("r1", "iOS", "Phone", "17.4.1"), 7, 10).stream()
                        .map(Increment::key))
                .as("the region in the rollout's hash, the other dimensions in its segment hash")
                .containsExactly(
                        KEYS.rollout("r1", 7), KEYS.segments("r1", 7), KEYS.segments("r1", 7), KEYS.segments("r1", 7));
        assertThat(EventCounting.increments(KEYS, crash("r1", null, null, "17.4.1"), 7, 10).stream()
                        .map(Increment::field))
                .as("no platform: neither a platform nor an OS range")
                .containsExactly("fam|2.1.0|target|BR|fatal");
    }

    @Test
    void aFamilyEventAndTheScaledResourceSumsStayOutOfSegments() {
        assertThat(EventCounting.increments(KEYS, crash(null, "ios", "phone", "17"), 7, 10))
                .extracting(Increment::field)
                .containsExactly("2.1.0|BR|fatal");
        TelemetryEvent resource = resource("r1", "ios", "17");
        assertThat(EventCounting.increments(KEYS, resource, 7, 10))
                .extracting(Increment::field)
                .containsExactly(
                        "fam|2.1.0|target|BR|resource_reports",
                        "fam|2.1.0|target|BR|cpu_percent_x100",
                        "fam|2.1.0|target|BR|cpu_over",
                        "fam|2.1.0|target|PLATFORM|ios|resource_reports",
                        "fam|2.1.0|target|PLATFORM|ios|cpu_over",
                        "fam|2.1.0|target|OS_MAJOR|ios 17|resource_reports",
                        "fam|2.1.0|target|OS_MAJOR|ios 17|cpu_over");
    }

    @Test
    void aBatchCountsAsItsEventsOneByOneWithEachShapeExpandedOnce() {
        java.util.List<TelemetryEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(crash("r1", "ios", "phone", "17"));
            batch.add(crash("r1", "android", "phone", "14"));
            batch.add(crash(null, "ios", "phone", "17"));
        }
        batch.add(resource("r1", "ios", "17"));
        java.util.Map<String, java.util.Map<String, Long>> oneByOne = new java.util.HashMap<>();
        for (TelemetryEvent e : batch) {
            for (Increment inc : EventCounting.increments(KEYS, e, 7, 10)) {
                oneByOne.computeIfAbsent(inc.key(), k -> new java.util.HashMap<>())
                        .merge(inc.field(), inc.delta(), Long::sum);
            }
        }
        java.util.Map<String, java.util.Map<String, Long>> batched = EventCounting.increments(KEYS, batch, 7, 10);
        assertThat(batched).isEqualTo(oneByOne);
        assertThat(batched.get(KEYS.rollout("r1", 7))).containsEntry("fam|2.1.0|target|BR|fatal", 10L);
        assertThat(batched.get(KEYS.segments("r1", 7)))
                .containsEntry("fam|2.1.0|target|PLATFORM|ios|fatal", 5L)
                .containsEntry("fam|2.1.0|target|OS_MAJOR|ios 17|resource_reports", 1L);
    }
}
