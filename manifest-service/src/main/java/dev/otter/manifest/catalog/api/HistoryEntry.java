package dev.otter.manifest.catalog.api;

import java.time.Instant;

/** One change of a version: who did what, when, and the status before and after. */
public record HistoryEntry(
        Instant at, String actor, String action, String fromStatus, String toStatus, String detail) {}
