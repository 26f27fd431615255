package dev.otter.manifest.update.api;

import java.util.List;

/** The file to download: its tier, URLs (first is primary), size and sha256 to verify. */
public record ArtifactOffer(
        String tier,
        String url,
        List<String> mirrors,
        long sizeBytes,
        String sha256,
        String format,
        String quantization) {}
