package dev.otter.rollout.rollout.api;

import java.math.BigDecimal;

/** Sets the cohort share directly, 0 to 100 with at most two decimals. */
public record PercentageRequest(BigDecimal percentage) {}
