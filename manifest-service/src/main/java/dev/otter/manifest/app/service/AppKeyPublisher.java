package dev.otter.manifest.app.service;

import dev.otter.contract.RedisKeys;
import dev.otter.manifest.app.repository.AppKeyEntity;
import dev.otter.manifest.app.repository.AppKeyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Makes the Redis key set match the database: every active key's hash is set, every revoked key's
 * hash removed, a marker set, then the change is announced. Idempotent, so it runs after every
 * change, at start, every minute (which heals a write that Redis missed) and within 2 s of Redis
 * losing its data (the marker is gone). Keys it does not know are left alone.
 */
@ApplicationScoped
public class AppKeyPublisher {
    private static final Logger LOG = Logger.getLogger(AppKeyPublisher.class);

    private final AppKeyRepository keys;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys names;

    public AppKeyPublisher(AppKeyRepository keys, ReactiveRedisDataSource redis, RedisKeys names) {
        this.keys = keys;
        this.redis = redis;
        this.names = names;
    }

    /** At start and every minute: heals a write that Redis missed. */
    @Scheduled(
            every = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> resync() {
        return syncQuietly();
    }

    /** Every 2 s: Redis restarted empty (or was flushed) when the marker is gone; write everything again. */
    @Scheduled(
            every = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> syncIfLost() {
        return redis.key()
                .exists(names.appKeysPublished())
                .chain(present -> {
                    if (present) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.info("app keys missing from Redis; publishing them again");
                    return syncQuietly();
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("app key marker not checked (checked again in 2 s): %s", failure.toString());
                    return null;
                });
    }

    /** Writes the whole key set to Redis and announces it; fails if Redis does not take it. */
    @WithSession
    public Uni<Void> sync() {
        return keys.listEvery().chain(this::write);
    }

    private Uni<Void> syncQuietly() {
        return sync().onFailure().recoverWithItem(failure -> {
            LOG.warnf("app keys not synced to Redis (retried within a minute): %s", failure.toString());
            return null;
        });
    }

    private Uni<Void> write(List<AppKeyEntity> all) {
        Map<String, String> active = new HashMap<>();
        List<String> revoked = all.stream()
                .filter(k -> k.revokedAt != null)
                .map(k -> k.keySha256)
                .toList();
        all.stream().filter(k -> k.revokedAt == null).forEach(k -> active.put(k.keySha256, k.appId));
        Uni<Void> set = active.isEmpty()
                ? Uni.createFrom().voidItem()
                : redis.hash(String.class).hset(names.appKeys(), active).replaceWithVoid();
        Uni<Void> delete = revoked.isEmpty()
                ? Uni.createFrom().voidItem()
                : redis.hash(String.class)
                        .hdel(names.appKeys(), revoked.toArray(String[]::new))
                        .replaceWithVoid();
        return set.chain(() -> delete)
                .chain(() -> redis.value(String.class).set(names.appKeysPublished(), "1"))
                .chain(() -> redis.pubsub(String.class).publish(names.appKeysChanged(), "changed"))
                .replaceWithVoid();
    }
}
