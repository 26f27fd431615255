package dev.otter.rollout.rollout.api;

/**
 * One guard signal (defaults per signal, docs/guard.md): {@code signal} (crash, load_failure,
 * verify_failure, severe_errors, cpu_over, memory_over, storage_over, battery_over), {@code
 * threshold} and {@code baseline_margin} as shares (0.02 = 2 %), {@code mode} enforce or observe.
 */
public record SignalDto(String signal, Double threshold, Double baselineMargin, String mode) {}
