package dev.otter.manifest.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.FamilyRolloutState;
import io.quarkus.redis.datasource.RedisDataSource;

/** Writes rollout snapshots into Redis the way rollout-service does: versions, snapshot, announcement, marker. */
public final class RolloutStateWriter {
    private RolloutStateWriter() {}

    public static void write(
            RedisDataSource redis, RedisKeys keys, ObjectMapper json, FamilyRolloutState state, boolean announce)
            throws Exception {
        redis.hash(String.class).hset(keys.rolloutVersions(), state.family(), Long.toString(state.version()));
        redis.hash(String.class).hset(keys.rolloutSnapshots(), state.family(), json.writeValueAsString(state));
        if (announce) {
            redis.pubsub(String.class).publish(keys.rolloutChanged(), state.family() + ":" + state.version());
        }
    }

    public static void markPublished(RedisDataSource redis, RedisKeys keys) {
        redis.value(String.class).set(keys.rolloutStatePublished(), "now");
        redis.pubsub(String.class).publish(keys.rolloutChanged(), RedisKeys.STATE_PUBLISHED_ANNOUNCEMENT);
    }
}
