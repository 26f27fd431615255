package dev.otter.rollout.rollout.client;

import dev.otter.contract.telemetry.Verdict;

/**
 * What rollout-service reads of telemetry's rollout health: the overall verdict ({@code HEALTHY},
 * {@code WATCH}, {@code INSUFFICIENT_DATA} or {@code UNHEALTHY}) and why.
 */
public record RolloutHealth(String rolloutId, Verdict verdict, String summary) {}
