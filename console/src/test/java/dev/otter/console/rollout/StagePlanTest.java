package dev.otter.console.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.console.rollout.service.PlannedStage;
import dev.otter.console.rollout.service.StagePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stage plan's projected times, from a rollout as the API shows it. */
class StagePlanTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private static Map<String, Object> rollout(String status, String startedAt, String bakedAt) {
        return Map.of(
                "status", status,
                "stages",
                        List.of(
                                Map.of("percentage", 5, "min_bake", "PT1H"),
                                Map.of("percentage", 20, "min_bake", "PT2H"),
                                Map.of("percentage", 100, "min_bake", "PT30M")),
                "current_stage", Map.of("index", 0, "of", 3, "started_at", startedAt, "baked_at", bakedAt));
    }

    @Test
    void stagesAheadStartWhenThePreviousHasBaked() {
        List<PlannedStage> plan = StagePlan.of(rollout("RUNNING", "2026-11-30T09:30:00Z", "2026-11-30T10:30:00Z"), NOW);
        assertThat(plan)
                .extracting(PlannedStage::state)
                .containsExactly(PlannedStage.State.CURRENT, PlannedStage.State.AHEAD, PlannedStage.State.AHEAD);
        assertThat(plan.get(1).earliestStart()).isEqualTo(Instant.parse("2026-11-30T10:30:00Z"));
        assertThat(plan.get(2).earliestStart()).isEqualTo(Instant.parse("2026-11-30T12:30:00Z"));
        assertThat(plan.get(1).bake()).isEqualTo("2 h");
        assertThat(plan.get(2).bake()).isEqualTo("30 min");
    }

    @Test
    void aStageThatHasAlreadyBakedCountsFromNow() {
        List<PlannedStage> plan = StagePlan.of(rollout("RUNNING", "2026-11-30T07:00:00Z", "2026-11-30T08:00:00Z"), NOW);
        assertThat(plan.get(1).earliestStart()).isEqualTo(NOW);
        assertThat(plan.get(2).earliestStart()).isEqualTo(NOW.plusSeconds(7200));
    }

    @Test
    void aPausedRolloutProjectsNothing() {
        List<PlannedStage> plan = StagePlan.of(rollout("PAUSED", "2026-11-30T09:30:00Z", "2026-11-30T10:30:00Z"), NOW);
        assertThat(plan).extracting(PlannedStage::earliestStart).containsOnlyNulls();
    }
}
