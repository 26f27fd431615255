package dev.otter.rollout.rollout.api;

import java.time.Instant;

/**
 * The newest published version of a family's channel as rollout-service last saw it in the catalog
 * (what devices get on a channel without a default), and when it first saw it.
 */
public record NewestSeenView(String family, String channel, String version, Instant seenAt) {}
