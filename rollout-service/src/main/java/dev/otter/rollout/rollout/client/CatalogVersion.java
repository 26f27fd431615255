package dev.otter.rollout.rollout.client;

/** What rollout-service needs to know of a catalog version (the rest of the answer is ignored). */
public record CatalogVersion(String family, String version, String status, String channel) {}
