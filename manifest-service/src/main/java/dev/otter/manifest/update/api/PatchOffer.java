package dev.otter.manifest.update.api;

/**
 * A delta patch from the installed file to the offered one: download it (resumably), check its
 * sha256, apply it to the installed file and check the result against the artifact's sha256; on any
 * failure download the full artifact instead.
 */
public record PatchOffer(String url, long sizeBytes, String sha256, String baseSha256) {}
