package dev.otter.manifest.rollout.snapshot;

import dev.otter.contract.rollout.FamilyRolloutState;

/**
 * CDI event: a newer rollout snapshot of one family is in use (cohorts, ceilings or rollbacks may
 * have changed); {@code before} is the one it replaced, null for the first one this instance read.
 */
public record RolloutStateInstalled(FamilyRolloutState before, FamilyRolloutState after) {}
