package dev.otter.rollout.telemetry;

/**
 * What rollout-service reads of telemetry's rollout health: the overall verdict ({@code HEALTHY},
 * {@code WATCH}, {@code INSUFFICIENT_DATA} or {@code UNHEALTHY}) and why.
 */
public record RolloutHealth(String rolloutId, String verdict, String summary) {}
