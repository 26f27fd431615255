package dev.otter.manifest.catalog.snapshot;

import java.util.List;

/** One published file of a version, as the hot path sees it. */
public record ArtifactEntry(
        String tier,
        List<String> urls,
        long sizeBytes,
        String sha256,
        String format,
        String quantization,
        String releaseNotes,
        Requirements requirements) {

    public ArtifactEntry {
        urls = List.copyOf(urls);
    }

    /** The primary download URL. */
    public String url() {
        return urls.get(0);
    }
}
