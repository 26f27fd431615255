package dev.otter.manifest.rollout.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.FamilyRolloutState;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps the rollout state current from Redis: reads every family's snapshot at start, reads one
 * family's when rollout-service announces a new version on pub/sub, and every few seconds
 * compares the versions in Redis with the ones held. Only newer snapshots are installed; a
 * malformed one is logged and skipped, keeping the last good one.
 */
@ApplicationScoped
public class RolloutStateRefresher {
    private static final Logger LOG = Logger.getLogger(RolloutStateRefresher.class);

    private final RolloutStateCache cache;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final ManifestConfig.Rollout config;
    private final Vertx vertx;
    private ResilientSubscription subscription;

    public RolloutStateRefresher(
            RolloutStateCache cache,
            ReactiveRedisDataSource redis,
            RedisKeys keys,
            ObjectMapper json,
            ManifestConfig config,
            Vertx vertx) {
        this.cache = cache;
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.config = config.rollout();
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.requirePublishedState()) {
            cache.markKnown();
        }
        reconcile();
        subscription = new ResilientSubscription(
                redis, vertx, keys.rolloutChanged(), config.retryDelay(), this::onAnnouncement, this::reconcile);
        subscription.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.stop();
        }
    }

    /** Starts a reconcile now (at start, and after a lost subscription came back). */
    public void reconcile() {
        reconcileNow().subscribe().with(ok -> {});
    }

    /**
     * Reads every family whose version in Redis is newer than the one held, every reconcile interval
     * in case an announcement was lost; never fails.
     */
    @Scheduled(
            every = "${otter.manifest.rollout.reconcile-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reconcileNow() {
        return redis.hash(String.class)
                .hgetall(keys.rolloutVersions())
                .chain(this::loadNewer)
                .chain(() -> redis.key().exists(keys.rolloutStatePublished()))
                .invoke(published -> {
                    if (published && !cache.isKnown()) {
                        LOG.infof("rollout state complete: %d families", cache.size());
                        cache.markKnown();
                    }
                })
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf(
                            "rollout state not reconciled (devices keep the last state; the next reconcile retries): %s",
                            failure.toString());
                    return null;
                });
    }

    private Uni<Void> loadNewer(Map<String, String> versions) {
        List<String> newer = new ArrayList<>();
        versions.forEach((family, version) -> {
            if (parse(version) > cache.version(family)) {
                newer.add(family);
            }
        });
        if (newer.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.hash(String.class)
                .hmget(keys.rolloutSnapshots(), newer.toArray(String[]::new))
                .invoke(bodies -> bodies.values().forEach(this::install))
                .replaceWithVoid();
    }

    private void onAnnouncement(String payload) {
        if (RedisKeys.STATE_PUBLISHED_ANNOUNCEMENT.equals(payload)) {
            if (!cache.isKnown()) {
                reconcile();
            }
            return;
        }
        int colon = payload.lastIndexOf(':');
        if (colon < 0) {
            LOG.warnf("ignoring rollout announcement '%s'", payload);
            return;
        }
        String family = payload.substring(0, colon);
        if (parse(payload.substring(colon + 1)) <= cache.version(family)) {
            return;
        }
        redis.hash(String.class)
                .hget(keys.rolloutSnapshots(), family)
                .subscribe()
                .with(
                        this::install,
                        failure -> LOG.warnf(
                                "rollout snapshot of %s not read (the next reconcile reads it): %s", family, failure));
    }

    private void install(String body) {
        if (body == null) {
            return;
        }
        try {
            FamilyRolloutState state = json.readValue(body, FamilyRolloutState.class);
            if (cache.install(FamilyPolicies.compile(state))) {
                LOG.debugf("rollout state of %s v%d installed", state.family(), state.version());
            }
        } catch (Exception e) {
            LOG.errorf("ignoring a malformed rollout snapshot (keeping the last good one): %s", e.toString());
        }
    }

    private static long parse(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
