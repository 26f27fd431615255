package dev.otter.manifest.rollout.snapshot;

import dev.otter.contract.Channel;
import dev.otter.contract.rollout.ChannelPolicy;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.FamilyRolloutState;
import java.util.EnumMap;
import java.util.Map;

/** One family's rollout snapshot, compiled per channel for the hot path, with the snapshot it came from. */
public record FamilyPolicies(
        String family, long version, Map<Channel, ChannelPolicy> channels, FamilyRolloutState source) {

    /** Compiles a snapshot; throws {@link IllegalArgumentException} when it is malformed. */
    public static FamilyPolicies compile(FamilyRolloutState state) {
        Map<Channel, ChannelPolicy> channels = new EnumMap<>(Channel.class);
        for (ChannelState c : state.channels()) {
            channels.put(Channel.parse(c.channel()), ChannelPolicy.compile(c));
        }
        return new FamilyPolicies(state.family(), state.version(), Map.copyOf(channels), state);
    }

    /** The policy of a channel, or null when the channel has none. */
    public ChannelPolicy channel(Channel channel) {
        return channels.get(channel);
    }
}
