package dev.otter.telemetry.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.RolloutGuard;
import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.contract.rollout.SignalGuard;
import dev.otter.contract.rollout.Variant;
import io.quarkus.redis.datasource.RedisDataSource;
import java.util.List;
import java.util.UUID;

/** Publishes rollout guards the way rollout-service does, for the guard's tests. */
public final class Guards {
    private Guards() {}

    /** A running rollout of 2.1.0 over 2.0.0: 2 % threshold, 100 sessions minimum, 10 minutes; its id. */
    public static String guardedRollout(RedisDataSource redis, RedisKeys keys, ObjectMapper json, String family)
            throws Exception {
        return guardedRollout(redis, keys, json, family, null);
    }

    /** The same, judging {@code signals} (the others at their defaults). */
    public static String guardedRollout(
            RedisDataSource redis, RedisKeys keys, ObjectMapper json, String family, List<SignalGuard> signals)
            throws Exception {
        String id = "r-" + UUID.randomUUID().toString().substring(0, 8);
        return segmentGuardedRollout(redis, keys, json, family, signals, id, false, List.of());
    }

    /**
     * The same rollout under {@code id}, that excludes a breached region instead of rolling back
     * ({@code excludeSegments}), with {@code excludedRegions} already out; published again as is.
     */
    public static String segmentGuardedRollout(
            RedisDataSource redis,
            RedisKeys keys,
            ObjectMapper json,
            String family,
            List<SignalGuard> signals,
            String id,
            boolean excludeSegments,
            List<String> excludedRegions)
            throws Exception {
        return segmentGuardedRolloutExcluding(
                redis,
                keys,
                json,
                family,
                signals,
                id,
                excludeSegments,
                excludedRegions.stream()
                        .map(r -> new ExcludedSegment(SegmentDimension.REGION, r, "test", null))
                        .toList());
    }

    /** The same rollout with {@code excluded} segments of any dimension already out. */
    public static String segmentGuardedRolloutExcluding(
            RedisDataSource redis,
            RedisKeys keys,
            ObjectMapper json,
            String family,
            List<SignalGuard> signals,
            String id,
            boolean excludeSegments,
            List<ExcludedSegment> excluded)
            throws Exception {
        RolloutGuard guard = new RolloutGuard(
                id,
                family,
                "stable",
                "RUNNING",
                "2.0.0",
                List.of(new Variant("target", "2.1.0", 1)),
                0.02,
                100,
                600,
                0.01,
                signals,
                excludeSegments,
                excluded.stream()
                        .filter(x -> x.dimension() == SegmentDimension.REGION)
                        .map(ExcludedSegment::value)
                        .toList(),
                excluded);
        redis.hash(String.class).hset(keys.rolloutGuards(), id, json.writeValueAsString(guard));
        return id;
    }
}
