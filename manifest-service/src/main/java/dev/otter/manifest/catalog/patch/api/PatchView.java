package dev.otter.manifest.catalog.patch.api;

import dev.otter.manifest.catalog.patch.PatchStatus;
import java.time.Instant;

/**
 * A delta patch to a version: from which version and file, its status (PENDING, RUNNING, READY,
 * TOO_LARGE, FAILED), progress, and once made its size, sha256, share of the full file and URL.
 */
public record PatchView(
        String tier,
        String fromVersion,
        String toVersion,
        String baseSha256,
        String targetSha256,
        PatchStatus status,
        double progress,
        Long patchBytes,
        String patchSha256,
        Double ratio,
        String url,
        String detail,
        Instant createdAt,
        Instant updatedAt) {}
