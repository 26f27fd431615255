package dev.otter.manifest.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A version with its artifacts and history, the engine range that loads it and its interface. */
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
        List<HistoryEntry> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) EngineRangeDto engine,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("interface") String modelInterface) {}
