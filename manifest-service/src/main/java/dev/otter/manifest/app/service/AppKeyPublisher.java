package dev.otter.manifest.app.service;

import dev.otter.contract.RedisKeys;
import dev.otter.manifest.app.repository.AppKeyEntity;
import dev.otter.manifest.app.repository.AppKeyRepository;
import dev.otter.support.vertx.Periodic;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
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
    private static final Duration RESYNC = Duration.ofMinutes(1);
    private static final Duration LOSS_CHECK = Duration.ofSeconds(2);

    private final AppKeyRepository keys;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys names;
    private final Vertx vertx;
    private long timer = -1;
    private long lossCheck = -1;

    public AppKeyPublisher(AppKeyRepository keys, ReactiveRedisDataSource redis, RedisKeys names, Vertx vertx) {
        this.keys = keys;
        this.redis = redis;
        this.names = names;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = Periodic.every(vertx, RESYNC, this::syncQuietly);
        lossCheck = vertx.setPeriodic(LOSS_CHECK.toMillis(), id -> syncIfLost());
        Periodic.once(vertx, this::syncQuietly);
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
        vertx.cancelTimer(lossCheck);
    }

    // Redis restarted empty (or was flushed): the marker is gone, so write everything again now.
    private void syncIfLost() {
        redis.key()
                .exists(names.appKeysPublished())
                .subscribe()
                .with(
                        present -> {
                            if (!present) {
                                LOG.info("app keys missing from Redis; publishing them again");
                                Periodic.once(vertx, this::syncQuietly);
                            }
                        },
                        failure -> LOG.debugf("app key marker not checked: %s", failure.toString()));
    }

    /** Writes the whole key set to Redis and announces it; fails if Redis does not take it. */
    public Uni<Void> sync() {
        return Panache.withSession(keys::listEvery).chain(this::write);
    }

    private void syncQuietly() {
        sync().subscribe().with(ok -> {}, failure -> LOG.warnf("app keys not synced to Redis: %s", failure.toString()));
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
