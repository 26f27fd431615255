package dev.otter.rollout.rollout.repository;

import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.RolloutGuard;
import java.util.List;

/**
 * Everything published for one family at one version: the snapshot manifest-services decide from,
 * the guards of its active rollouts and its open release watches (for telemetry), and the ids of its
 * other rollouts and watches, whose guards must go.
 */
public record SnapshotBundle(
        FamilyRolloutState state,
        List<RolloutGuard> guards,
        List<String> inactiveRolloutIds,
        List<ReleaseWatch> watches,
        List<String> closedWatchIds) {}
