package dev.otter.rollout.rollout.api;

import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.Variant;
import java.time.Duration;
import java.util.List;

/**
 * A new rollout (DRAFT). Either {@code target_version} (one target) or {@code variants} (A/B: two or
 * more, each a version with a weight). {@code baseline_version} is what devices outside the cohort,
 * and every device after a rollback, get. Without {@code stages} the plan is 1 % → 5 % → 25 % →
 * 100 %, an hour of bake each. With {@code auto_advance}, each stage advances by itself once it has
 * baked and telemetry reports the guard healthy. {@code watch_interval} (PT30S–PT4M, default PT2M) is
 * how soon devices in the cohort, or on one of its variants, check again while the rollout is
 * active, so that a rollback reaches them within minutes.
 */
public record CreateRolloutRequest(
        String family,
        String channel,
        String name,
        String description,
        String baselineVersion,
        String targetVersion,
        List<Variant> variants,
        CohortRules rules,
        List<StageDto> stages,
        GuardDto guard,
        Boolean autoAdvance,
        Duration watchInterval) {}
