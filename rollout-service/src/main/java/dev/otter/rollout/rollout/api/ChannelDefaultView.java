package dev.otter.rollout.rollout.api;

import java.time.Instant;

/** The pinned version of a family's channel. */
public record ChannelDefaultView(String family, String channel, String version, Instant updatedAt, String updatedBy) {}
