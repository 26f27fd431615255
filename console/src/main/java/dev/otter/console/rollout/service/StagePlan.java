package dev.otter.console.rollout.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Projects a rollout's stage plan from its API view: stages before the current one are done; the
 * current one bakes until {@code baked_at}; each stage ahead can start when the previous one has
 * baked, counted from now if the current stage has already baked. Only RUNNING rollouts move, so a
 * paused or finished rollout projects nothing.
 */
public final class StagePlan {
    private StagePlan() {}

    /** The plan of {@code rollout} (a RolloutView as JSON) at {@code now}. */
    public static List<PlannedStage> of(Map<String, Object> rollout, Instant now) {
        List<?> stages = (List<?>) rollout.getOrDefault("stages", List.of());
        Map<?, ?> current = (Map<?, ?>) rollout.get("current_stage");
        int currentIndex = current == null ? -1 : ((Number) current.get("index")).intValue();
        boolean moving = "RUNNING".equals(rollout.get("status"));
        Instant cursor = current == null ? null : instant(current.get("baked_at"));
        if (cursor != null && cursor.isBefore(now)) {
            cursor = now;
        }
        List<PlannedStage> plan = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Map<?, ?> stage = (Map<?, ?>) stages.get(i);
            BigDecimal percentage = new BigDecimal(stage.get("percentage").toString());
            Duration bake = Duration.parse(stage.get("min_bake").toString());
            if (i < currentIndex) {
                plan.add(new PlannedStage(i + 1, percentage, bake, PlannedStage.State.DONE, null, null, null));
            } else if (i == currentIndex) {
                plan.add(new PlannedStage(
                        i + 1,
                        percentage,
                        bake,
                        PlannedStage.State.CURRENT,
                        instant(current.get("started_at")),
                        instant(current.get("baked_at")),
                        null));
            } else {
                Instant earliest = moving && cursor != null ? cursor : null;
                plan.add(new PlannedStage(i + 1, percentage, bake, PlannedStage.State.AHEAD, null, null, earliest));
                cursor = cursor == null ? null : cursor.plus(bake);
            }
        }
        return plan;
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }
}
