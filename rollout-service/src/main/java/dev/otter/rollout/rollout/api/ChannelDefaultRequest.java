package dev.otter.rollout.rollout.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Pins the version devices outside any rollout get on a channel. */
public record ChannelDefaultRequest(@NotNull @Size(max = 128) String version) {}
