package dev.otter.contract.rollout;

import java.util.List;

/**
 * Release policy of one family on one channel: the channel default (the version every device
 * outside a rollout gets; null: the newest published), the active rollout if any (at most one per
 * family and channel), and the rolled-back rollouts whose versions must be left.
 */
public record ChannelState(
        String channel, String defaultVersion, ActiveRollout active, List<RolledBackRollout> rolledBack) {

    public ChannelState {
        rolledBack = rolledBack == null ? List.of() : List.copyOf(rolledBack);
    }
}
