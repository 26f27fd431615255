package dev.otter.telemetry.aggregate.service;

/** Add {@code delta} to {@code field} of the counter hash {@code key}. */
public record Increment(String key, String field, long delta) {}
