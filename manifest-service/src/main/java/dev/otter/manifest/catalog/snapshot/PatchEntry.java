package dev.otter.manifest.catalog.snapshot;

/** A ready delta patch to an artifact: the installed file it applies to, and the patch itself. */
public record PatchEntry(String baseSha256, String url, long sizeBytes, String sha256) {}
