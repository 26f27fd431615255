package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.RedisKeys;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.support.redis.ResilientSubscription;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps the in-memory catalog current: loads it at start, reloads when a catalog-changed message
 * arrives through Redis pub/sub (from any manifest-service), and reconciles periodically against
 * the database in case a message was lost or Redis was down. Reloads are single-flight: a change
 * announced during a load triggers exactly one more load.
 */
@ApplicationScoped
public class CatalogRefresher {
    private static final Logger LOG = Logger.getLogger(CatalogRefresher.class);
    private static final java.time.Duration ANNOUNCE_TIMEOUT = java.time.Duration.ofSeconds(1);

    private final CatalogCache cache;
    private final CatalogSnapshotRepository repository;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final ManifestConfig config;
    private final Vertx vertx;
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private ResilientSubscription subscription;

    public CatalogRefresher(
            CatalogCache cache,
            CatalogSnapshotRepository repository,
            ReactiveRedisDataSource redis,
            RedisKeys keys,
            ManifestConfig config,
            Vertx vertx) {
        this.cache = cache;
        this.repository = repository;
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        reload();
        // Announcements missed while Redis was away: reload once resubscribed.
        subscription = new ResilientSubscription(
                redis, vertx, keys.catalogChanged(), config.catalog().retryDelay(), this::onAnnouncement, this::reload);
        subscription.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscription != null) {
            subscription.stop();
        }
    }

    /** Reloads unless the cache already holds {@code revision} or newer. */
    public void refreshTo(long revision) {
        if (cache.current().revision() < revision) {
            reload();
        }
    }

    /**
     * Loads and installs the catalog now, outside the single-flight path: the publisher API calls it
     * after a commit so that its answer and this instance's update checks already show the change.
     * Never fails: if the load fails, the reconcile catches up.
     */
    public Uni<Void> reloadNow() {
        return repository
                .load()
                .invoke(cache::install)
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("catalog reload after a change failed, the reconcile will catch up: %s", failure);
                    return null;
                });
    }

    /** Starts a load now, or once more after the one in flight. */
    public void reload() {
        if (!loading.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        repository
                .load()
                .subscribe()
                .with(
                        snapshot -> {
                            if (cache.install(snapshot)) {
                                LOG.debugf(
                                        "catalog revision %d loaded: %d families, %d versions",
                                        snapshot.revision(), snapshot.families().size(), snapshot.versionCount());
                            }
                            finishLoad(false);
                        },
                        failure -> {
                            LOG.warnf("catalog load failed, retrying: %s", failure.toString());
                            finishLoad(true);
                        });
    }

    private void finishLoad(boolean failed) {
        loading.set(false);
        if (stopped) {
            return;
        }
        if (failed) {
            vertx.setTimer(config.catalog().retryDelay().toMillis(), id -> reload());
        } else if (again.get()) {
            reload();
        }
    }

    /** Compares the held revision with the database's, in case an announcement was lost. */
    @Scheduled(
            every = "${otter.manifest.catalog.reconcile-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reconcile() {
        return repository
                .revision()
                .invoke(this::refreshTo)
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("catalog reconcile failed (the next one tries again): %s", failure.toString());
                    return null;
                });
    }

    private void onAnnouncement(String payload) {
        try {
            refreshTo(Long.parseLong(payload.strip()));
        } catch (NumberFormatException e) {
            LOG.warnf("ignoring catalog announcement '%s'", payload);
        }
    }

    /**
     * Publishes that the catalog reached {@code revision}. Bounded and never failing: a slow or
     * absent Redis only delays the other instances until their reconcile.
     */
    public Uni<Void> announce(long revision) {
        return redis.pubsub(String.class)
                .publish(keys.catalogChanged(), Long.toString(revision))
                .ifNoItem()
                .after(ANNOUNCE_TIMEOUT)
                .fail()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf(
                            "could not announce catalog revision %d (others catch up on reconcile): %s",
                            revision, failure);
                    return null;
                });
    }
}
