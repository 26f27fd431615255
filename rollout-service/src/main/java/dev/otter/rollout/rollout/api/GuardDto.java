package dev.otter.rollout.rollout.api;

import java.time.Duration;

/**
 * When telemetry rolls the rollout back by itself (defaults in brackets): crash rate threshold
 * [0.02], minimum sessions [500], window [PT30M], margin over the baseline's rate [0.01].
 */
public record GuardDto(Double crashRateThreshold, Integer minSessions, Duration window, Double baselineMargin) {}
