package dev.otter.manifest.catalog.api;

import java.time.Instant;

/**
 * A model family as the API shows it; {@code legacyKeyless}: its legacy (seed-format) endpoints
 * answer clients without an app key; {@code kind}: {@code model} or {@code engine}.
 */
public record FamilyView(
        String name,
        String displayName,
        String description,
        Instant createdAt,
        String createdBy,
        long versions,
        boolean legacyKeyless,
        String kind) {}
