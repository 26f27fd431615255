package dev.otter.contract.rollout;

/** An inclusive version range, e.g. app versions {@code 3.0} to {@code 3.9.99}; a null end is open. */
public record VersionRange(String min, String max) {}
