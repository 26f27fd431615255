package dev.otter.rollout.rollout.api;

import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.Variant;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A rollout as the API shows it; {@code percentage} is the live cohort share. */
public record RolloutView(
        String id,
        String family,
        String channel,
        String name,
        String description,
        String status,
        String baselineVersion,
        List<Variant> variants,
        CohortRules rules,
        List<StageDto> stages,
        StageView currentStage,
        boolean autoAdvance,
        Duration watchInterval,
        BigDecimal percentage,
        GuardDto guard,
        List<ExcludedSegment> excludedSegments,
        String salt,
        Instant createdAt,
        String createdBy,
        Instant startedAt,
        Instant endedAt,
        String endReason,
        String winner,
        long revision) {}
