package dev.otter.manifest.catalog.patch.repository;

import dev.otter.manifest.catalog.patch.PatchStatus;
import java.time.Instant;

/** One patch from a base file to a target file, and how far making it has come. */
public record PatchJob(
        long id,
        String family,
        String tier,
        String fromVersion,
        String toVersion,
        String baseSha256,
        String targetSha256,
        PatchStatus status,
        long targetBytes,
        long progressBytes,
        String patchSha256,
        Long patchBytes,
        String detail,
        Instant createdAt,
        Instant updatedAt) {}
