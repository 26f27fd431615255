package dev.otter.manifest.update.api;

/** The seed-001 answer: whether to update, to which version, and from where. */
public record LegacyUpdateResponse(boolean needUpdate, String targetVersion, String downloadUrl) {}
