package dev.otter.manifest.catalog.api;

import java.time.Instant;

/** One entry of a family's history: when, who, what, and why. */
public record FamilyEventView(Instant at, String actor, String action, String detail) {}
