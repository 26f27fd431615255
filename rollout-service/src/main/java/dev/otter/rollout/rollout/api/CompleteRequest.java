package dev.otter.rollout.rollout.api;

/** Completes a rollout; with several variants, names the one that becomes the channel default. */
public record CompleteRequest(String variant) {}
