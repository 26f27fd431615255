package dev.otter.rollout.rollout.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** The current stage: where it is in the plan, since when, and when it will have baked. */
public record StageView(
        int index, int of, BigDecimal percentage, Duration minBake, Instant startedAt, Instant bakedAt) {}
