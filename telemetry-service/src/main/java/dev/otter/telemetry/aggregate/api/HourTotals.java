package dev.otter.telemetry.aggregate.api;

import java.time.Instant;
import java.util.Map;

/** One hour of a version's history: each metric's total. */
public record HourTotals(Instant hour, Map<String, Long> metrics) {}
