package dev.otter.telemetry.testing;

import dev.otter.telemetry.guard.service.WindowCounts;
import java.time.Duration;

/** A rollout's live total of one metric over the last 10 minutes, as the guard reads it. */
public final class RolloutTotals {
    private RolloutTotals() {}

    public static long of(WindowCounts counts, String rollout, String metric) {
        return counts.rollout(rollout, 600).await().atMost(Duration.ofSeconds(5)).stream()
                .filter(WindowCounts.Cell::isRegion)
                .mapToLong(c -> c.get(metric))
                .sum();
    }
}
