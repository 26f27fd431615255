package dev.otter.manifest.catalog.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One artifact of a version. A {@code urls} entry {@code otter-store:<sha256>} is a file in Otter's own
 * store: devices get an expiring link to it. GGUF facts are set for uploaded files.
 */
public record ArtifactView(
        String tier,
        List<String> urls,
        long sizeBytes,
        String sha256,
        String format,
        String quantization,
        String releaseNotes,
        RequirementsDto requirements,
        Instant createdAt,
        Integer ggufVersion,
        String architecture,
        Integer tensorCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) String adaptsInterface) {}
