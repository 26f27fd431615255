package dev.otter.console.rollout.service;

import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One stage of a rollout's plan as the console shows it: its share and bake time, whether it is
 * done, current or ahead, when it started and baked, and — for stages ahead — when it can start at
 * the earliest (automatic advance takes it then if the guard says HEALTHY; otherwise an operator).
 */
@TemplateData
public record PlannedStage(
        int number,
        BigDecimal percentage,
        Duration minBake,
        State state,
        Instant startedAt,
        Instant bakedAt,
        Instant earliestStart) {

    /** Where a stage is relative to the rollout's current one. */
    public enum State {
        DONE,
        CURRENT,
        AHEAD
    }

    /** The bake time in words: "10 min", "2 h", "1 h 30 min". */
    public String bake() {
        long minutes = minBake.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
