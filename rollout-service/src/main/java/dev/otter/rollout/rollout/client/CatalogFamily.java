package dev.otter.rollout.rollout.client;

/** A catalog family, as far as rollout-service reads it (the rest of the answer is ignored). */
public record CatalogFamily(String name) {}
