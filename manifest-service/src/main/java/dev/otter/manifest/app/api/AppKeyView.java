package dev.otter.manifest.app.api;

import java.time.Instant;

/** An app key as listed: its id and first characters, who made it, and whether it is revoked. */
public record AppKeyView(
        String id, String prefix, Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {}
