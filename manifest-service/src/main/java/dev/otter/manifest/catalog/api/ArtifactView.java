package dev.otter.manifest.catalog.api;

import java.time.Instant;
import java.util.List;

/** One artifact of a version. */
public record ArtifactView(
        String tier,
        List<String> urls,
        long sizeBytes,
        String sha256,
        String format,
        String quantization,
        String releaseNotes,
        RequirementsDto requirements,
        Instant createdAt) {}
