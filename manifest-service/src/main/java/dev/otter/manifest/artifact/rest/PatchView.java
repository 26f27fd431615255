package dev.otter.manifest.artifact.rest;

import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.artifact.service.PatchJob;
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
        String status,
        double progress,
        Long patchBytes,
        String patchSha256,
        Double ratio,
        String url,
        String detail,
        Instant createdAt,
        Instant updatedAt) {

    static PatchView of(PatchJob j) {
        boolean made = j.patchSha256() != null;
        return new PatchView(
                j.tier(),
                j.fromVersion(),
                j.toVersion(),
                j.baseSha256(),
                j.targetSha256(),
                j.status(),
                j.targetBytes() == 0 ? 1.0 : Math.min(1.0, (double) j.progressBytes() / j.targetBytes()),
                j.patchBytes(),
                j.patchSha256(),
                made && j.targetBytes() > 0 ? (double) j.patchBytes() / j.targetBytes() : null,
                made ? DownloadLinks.storeUrl(j.patchSha256()) : null,
                j.detail(),
                j.createdAt(),
                j.updatedAt());
    }
}
