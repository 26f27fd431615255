package dev.otter.manifest.update.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The file to download: its tier, URLs (first is primary), size and sha256 to verify — and, when
 * the device's installed file is the base of a ready patch, that patch (the full file stays the fallback).
 */
public record ArtifactOffer(
        String tier,
        String url,
        List<String> mirrors,
        long sizeBytes,
        String sha256,
        String format,
        String quantization,
        @JsonInclude(JsonInclude.Include.NON_NULL) PatchOffer patch) {}
