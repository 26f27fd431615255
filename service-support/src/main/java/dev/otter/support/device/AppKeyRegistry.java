package dev.otter.support.device;

import dev.otter.contract.AppKeys;
import dev.otter.contract.RedisKeys;
import dev.otter.support.redis.ResilientSubscription;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The active device app keys, held in memory as hash → application so a device request costs one
 * SHA-256 and one map lookup. Loaded from Redis at start, again on every change announcement and
 * every {@code otter.device.app-key-refresh}; when Redis is away, or has lost the set (its
 * published marker is gone), the last loaded set stays in force until manifest-service restores it.
 */
@ApplicationScoped
public class AppKeyRegistry {
    private static final Logger LOG = Logger.getLogger(AppKeyRegistry.class);

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final DeviceConfig config;
    private final Vertx vertx;
    private volatile Map<String, String> applications;
    private ResilientSubscription subscription;

    public AppKeyRegistry(ReactiveRedisDataSource redis, RedisKeys keys, DeviceConfig config, Vertx vertx) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.requireAppKey()) {
            return;
        }
        reload();
        subscription = new ResilientSubscription(
                redis, vertx, keys.appKeysChanged(), Duration.ofSeconds(2), message -> reload(), this::reload);
        subscription.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.stop();
        }
    }

    /** Whether a key set has been loaded at least once (until then devices cannot be admitted). */
    public boolean isLoaded() {
        return applications != null;
    }

    /** The application the key belongs to, or empty for an unknown or revoked key. */
    public Optional<String> applicationOf(String key) {
        Map<String, String> current = applications;
        if (current == null || key == null || !key.startsWith(AppKeys.PREFIX) || key.length() > 128) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.get(AppKeys.hash(key)));
    }

    /** Starts a reload now (at start, on an announcement, after a lost subscription came back). */
    public void reload() {
        reloadNow().subscribe().with(ok -> {});
    }

    /**
     * Reads the whole key set from Redis, also every refresh interval besides the announcements;
     * never fails (a failed read keeps the last set).
     */
    @Scheduled(
            every = "${otter.device.app-key-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = AppKeysNotRequired.class)
    Uni<Void> reloadNow() {
        return redis.key()
                .exists(keys.appKeysPublished())
                .chain(published -> published
                        ? redis.hash(String.class).hgetall(keys.appKeys())
                        : Uni.createFrom().<Map<String, String>>nullItem())
                .invoke(this::install)
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf(
                            "app keys not reloaded (keeping %s; retried on the next announcement or refresh): %s",
                            applications == null ? "none" : "the last set", failure.toString());
                    return null;
                });
    }

    /** Services that admit devices without app keys (rollout-service) never reload them. */
    @jakarta.inject.Singleton
    static class AppKeysNotRequired implements Scheduled.SkipPredicate {
        private final DeviceConfig config;

        AppKeysNotRequired(DeviceConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.requireAppKey();
        }
    }

    private void install(Map<String, String> loaded) {
        if (loaded == null) { // not published (yet, or Redis lost it): keep what is held
            LOG.debugf("app keys not published in Redis; keeping %s", applications == null ? "none" : "the last set");
            return;
        }
        if (applications == null) {
            LOG.infof("app keys loaded: %d active", loaded.size());
        }
        applications = Map.copyOf(loaded);
    }
}
