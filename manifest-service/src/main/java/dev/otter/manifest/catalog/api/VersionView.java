package dev.otter.manifest.catalog.api;

import java.time.Instant;
import java.util.List;

/** A version with its artifacts and history. */
public record VersionView(
        String family,
        String version,
        String status,
        String channel,
        String releaseNotes,
        String changeSummary,
        boolean urgent,
        String urgentReason,
        String statusReason,
        Instant createdAt,
        String createdBy,
        Instant publishedAt,
        String publishedBy,
        List<ArtifactView> artifacts,
        List<HistoryEntry> history) {}
