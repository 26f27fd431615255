package dev.otter.manifest.artifact.repository;

import java.time.Instant;

/** An uploaded file in the store: its sha256 and size, what its GGUF header declares, and who uploaded it when. */
public record StoredFile(
        String sha256,
        long sizeBytes,
        int ggufVersion,
        String architecture,
        String quantization,
        int tensorCount,
        Instant uploadedAt,
        String uploadedBy) {}
