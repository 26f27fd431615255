package dev.otter.manifest.update.api;

/** The rollout (and A/B variant) that decided for this device; ids only. */
public record Assignment(String rolloutId, String variant) {}
