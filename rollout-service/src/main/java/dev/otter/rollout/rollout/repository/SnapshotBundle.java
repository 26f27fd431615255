package dev.otter.rollout.rollout.repository;

import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.RolloutGuard;
import java.util.List;

/**
 * Everything published for one family at one version: the snapshot manifest-services decide from,
 * the guards of its active rollouts (for telemetry), and the ids of its other rollouts, whose guards
 * must go.
 */
public record SnapshotBundle(FamilyRolloutState state, List<RolloutGuard> guards, List<String> inactiveRolloutIds) {}
