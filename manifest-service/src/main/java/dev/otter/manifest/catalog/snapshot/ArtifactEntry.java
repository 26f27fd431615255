package dev.otter.manifest.catalog.snapshot;

import java.util.List;

/**
 * One published file of a version, as the hot path sees it, with the ready patches to it; {@code
 * adaptsInterface} is set on an adapter (the interface it lets an app use the version from).
 */
public record ArtifactEntry(
        String tier,
        List<String> urls,
        long sizeBytes,
        String sha256,
        String format,
        String quantization,
        String releaseNotes,
        Requirements requirements,
        List<PatchEntry> patches,
        String adaptsInterface) {

    /** A model or engine file (not an adapter). */
    public ArtifactEntry(
            String tier,
            List<String> urls,
            long sizeBytes,
            String sha256,
            String format,
            String quantization,
            String releaseNotes,
            Requirements requirements,
            List<PatchEntry> patches) {
        this(tier, urls, sizeBytes, sha256, format, quantization, releaseNotes, requirements, patches, null);
    }

    public ArtifactEntry {
        urls = List.copyOf(urls);
        patches = patches == null ? List.of() : List.copyOf(patches);
    }

    /** The ready patch from an installed file, if there is one. */
    public java.util.Optional<PatchEntry> patchFrom(String installedSha256) {
        if (installedSha256 == null) {
            return java.util.Optional.empty();
        }
        return patches.stream()
                .filter(p -> p.baseSha256().equalsIgnoreCase(installedSha256))
                .findFirst();
    }

    /** The primary download URL. */
    public String url() {
        return urls.get(0);
    }
}
