package dev.otter.manifest.artifact.rest;

import dev.otter.manifest.artifact.repository.StoredFile;
import dev.otter.manifest.artifact.service.DownloadLinks;
import java.time.Instant;

/** A stored upload: give {@code sha256} as an artifact's {@code file} to use it. */
public record UploadView(
        String sha256,
        long sizeBytes,
        String url,
        int ggufVersion,
        String architecture,
        String quantization,
        int tensorCount,
        Instant uploadedAt,
        String uploadedBy) {

    static UploadView of(StoredFile f) {
        return new UploadView(
                f.sha256(),
                f.sizeBytes(),
                DownloadLinks.storeUrl(f.sha256()),
                f.ggufVersion(),
                f.architecture(),
                f.quantization(),
                f.tensorCount(),
                f.uploadedAt(),
                f.uploadedBy());
    }
}
