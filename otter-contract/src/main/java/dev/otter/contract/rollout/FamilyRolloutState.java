package dev.otter.contract.rollout;

import java.time.Instant;
import java.util.List;

/**
 * The compiled rollout state of one model family, as rollout-service publishes it to Redis and
 * every manifest-service decides from it. {@code version} only grows: a reader ignores a snapshot
 * older than the one it holds.
 */
public record FamilyRolloutState(String family, long version, Instant generatedAt, List<ChannelState> channels) {

    public FamilyRolloutState {
        channels = List.copyOf(channels);
    }
}
