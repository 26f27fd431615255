package dev.otter.contract.rollout;

/** One arm of a rollout: a name ({@code control}, {@code B}, or {@code target}), its version and its weight. */
public record Variant(String name, String version, int weight) {}
