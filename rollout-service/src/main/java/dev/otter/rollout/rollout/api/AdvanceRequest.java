package dev.otter.rollout.rollout.api;

import jakarta.validation.constraints.Size;

/** Moves to the next stage; {@code force} skips the bake time (recorded with the reason). */
public record AdvanceRequest(boolean force, @Size(max = 2000) String reason) {}
