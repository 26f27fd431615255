package dev.otter.rollout.rollout.api;

import java.math.BigDecimal;
import java.time.Duration;

/** A stage of the plan: {@code {"percentage": 5, "min_bake": "PT1H"}} (percentage to 2 decimals). */
public record StageDto(BigDecimal percentage, Duration minBake) {}
