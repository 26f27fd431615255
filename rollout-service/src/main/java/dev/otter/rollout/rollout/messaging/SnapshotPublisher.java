package dev.otter.rollout.rollout.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.RolloutGuard;
import dev.otter.rollout.config.RolloutConfig;
import dev.otter.rollout.rollout.repository.SnapshotBundle;
import dev.otter.rollout.rollout.repository.SnapshotRepository;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes compiled rollout state to Redis: a family's snapshot after every change, and every
 * family's periodically, so that Redis converges after a failed publish or a restart that lost its
 * data. A Lua script writes only when the snapshot is newer than the stored one, then announces it
 * on pub/sub; after a complete pass the "published" marker tells manifest-services that the state
 * in Redis is whole.
 */
@ApplicationScoped
public class SnapshotPublisher {
    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    // KEYS: versions hash, snapshots hash, guards hash, watches hash.
    // ARGV: family, version, snapshot json, channel, guard count g, g × (rollout id, guard json),
    // watch count w, w × (watch id, watch json), count i of the family's inactive rollouts and their
    // ids (guards removed), then the ids of its closed watches (removed).
    private static final String WRITE_IF_NEWER =
            """
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
            if current >= tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
            local at = 5
            local function pairs_into(key)
              local n = tonumber(ARGV[at])
              for i = 1, n do
                redis.call('HSET', key, ARGV[at + 2 * i - 1], ARGV[at + 2 * i])
              end
              at = at + 2 * n + 1
            end
            pairs_into(KEYS[3])
            pairs_into(KEYS[4])
            local inactive = tonumber(ARGV[at])
            for i = at + 1, at + inactive do
              redis.call('HDEL', KEYS[3], ARGV[i])
            end
            for i = at + inactive + 1, #ARGV do
              redis.call('HDEL', KEYS[4], ARGV[i])
            end
            redis.call('PUBLISH', ARGV[4], ARGV[1] .. ':' .. ARGV[2])
            return 1""";

    private final SnapshotRepository repository;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final RolloutConfig.Snapshot config;

    public SnapshotPublisher(
            SnapshotRepository repository,
            ReactiveRedisDataSource redis,
            RedisKeys keys,
            ObjectMapper json,
            RolloutConfig config) {
        this.repository = repository;
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.config = config.snapshot();
    }

    /**
     * Publishes every family as the application starts. The scheduler's first tick is not enough:
     * while a slow start (three services booting on two cores) is still running, that tick is skipped
     * and the next comes a whole republish interval later, leaving a fresh Redis without state and
     * every manifest-service unready for ~20 s.
     */
    void onStart(@Observes StartupEvent event) {
        publishAll().subscribe().with(published -> {});
    }

    /** Every family, every republish interval (skipped while a pass still runs). */
    @Scheduled(
            every = "${otter.rollout.snapshot.republish-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> republish() {
        return publishAll().replaceWithVoid();
    }

    /** Publishes one family's snapshot; never fails (returns false when it could not). */
    public Uni<Boolean> publish(String family) {
        return repository
                .build(family)
                .chain(this::write)
                .ifNoItem()
                .after(config.publishTimeout())
                .fail()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf(
                            "could not publish rollout state of %s (the periodic republish retries): %s",
                            family, failure);
                    return false;
                });
    }

    /** Publishes every family, then marks the state in Redis as complete; never fails. */
    public Uni<Boolean> publishAll() {
        return repository
                .families()
                .onItem()
                .transformToMulti(families -> Multi.createFrom().iterable(families))
                .onItem()
                .transformToUniAndConcatenate(this::publish)
                .collect()
                .asList()
                .chain(results -> results.contains(false) ? Uni.createFrom().item(false) : markPublished())
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("rollout state republish failed: %s", failure);
                    return false;
                });
    }

    private Uni<Boolean> markPublished() {
        return redis.value(String.class)
                .set(keys.rolloutStatePublished(), Instant.now().toString())
                .chain(() -> redis.pubsub(String.class)
                        .publish(keys.rolloutChanged(), RedisKeys.STATE_PUBLISHED_ANNOUNCEMENT))
                .replaceWith(true);
    }

    private Uni<Boolean> write(SnapshotBundle bundle) {
        FamilyRolloutState state = bundle.state();
        List<String> args = new ArrayList<>(List.of(
                WRITE_IF_NEWER,
                "4",
                keys.rolloutVersions(),
                keys.rolloutSnapshots(),
                keys.rolloutGuards(),
                keys.releaseWatches()));
        try {
            args.addAll(List.of(
                    state.family(),
                    Long.toString(state.version()),
                    json.writeValueAsString(state),
                    keys.rolloutChanged(),
                    Integer.toString(bundle.guards().size())));
            for (RolloutGuard guard : bundle.guards()) {
                args.add(guard.rolloutId());
                args.add(json.writeValueAsString(guard));
            }
            args.add(Integer.toString(bundle.watches().size()));
            for (ReleaseWatch watch : bundle.watches()) {
                args.add(watch.id());
                args.add(json.writeValueAsString(watch));
            }
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        args.add(Integer.toString(bundle.inactiveRolloutIds().size()));
        args.addAll(bundle.inactiveRolloutIds());
        args.addAll(bundle.closedWatchIds());
        return redis.execute("EVAL", args.toArray(String[]::new))
                .map(reply -> reply != null && reply.toLong() == 1L)
                .invoke(written -> LOG.debugf(
                        "rollout state %s v%d %s",
                        state.family(), state.version(), written ? "published" : "superseded"))
                .replaceWith(true);
    }

    /** The families in Redis, for tests and operators. */
    public Uni<List<String>> publishedFamilies() {
        return redis.hash(String.class).hkeys(keys.rolloutSnapshots());
    }
}
