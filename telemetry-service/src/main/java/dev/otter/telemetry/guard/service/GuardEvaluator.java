package dev.otter.telemetry.guard.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.RolloutGuard;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.contract.telemetry.Verdict;
import dev.otter.telemetry.aggregate.RolloutsCounted;
import dev.otter.telemetry.aggregate.service.CounterKeys;
import dev.otter.telemetry.config.TelemetryConfig;
import dev.otter.telemetry.guard.api.RolloutHealthView;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Watches guarded rollouts and release watches: every second those that received events, every
 * sweep all of them. When a target variant (or a watched version) is UNHEALTHY it fires one
 * trigger per rollout or watch (claimed in Redis, so several telemetry instances fire it once) on
 * Kafka for rollout-service to roll back or revert; if Kafka refuses, the claim is released and
 * the next round fires again.
 */
@ApplicationScoped
public class GuardEvaluator {
    private static final Logger LOG = Logger.getLogger(GuardEvaluator.class);

    private final RolloutHealthService health;
    private final ReactiveRedisDataSource redis;
    private final RedisKeys redisKeys;
    private final CounterKeys keys;
    private final MutinyEmitter<String> triggers;
    private final ObjectMapper json;
    private final TelemetryConfig.Guard config;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyFamilies = ConcurrentHashMap.newKeySet();

    public GuardEvaluator(
            RolloutHealthService health,
            ReactiveRedisDataSource redis,
            RedisKeys redisKeys,
            CounterKeys keys,
            @Channel("guard-triggers-out") MutinyEmitter<String> triggers,
            ObjectMapper json,
            TelemetryConfig config) {
        this.health = health;
        this.redis = redis;
        this.redisKeys = redisKeys;
        this.keys = keys;
        this.triggers = triggers;
        this.json = json;
        this.config = config.guard();
    }

    /** Counting changed these rollouts (and families' counts outside rollouts): evaluated in the next round. */
    void onCounted(@Observes RolloutsCounted counted) {
        dirty.addAll(counted.rolloutIds());
        dirtyFamilies.addAll(counted.families());
    }

    /** The rollouts that received events since the last round. */
    @Scheduled(
            every = "${otter.telemetry.guard.evaluation-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> evaluateDirty() {
        List<String> ids = new ArrayList<>(dirty);
        dirty.removeAll(ids);
        List<String> families = new ArrayList<>(dirtyFamilies);
        dirtyFamilies.removeAll(families);
        return evaluateAll(ids)
                .chain(() -> families.isEmpty() ? Uni.createFrom().item(0) : evaluateWatchesOf(families))
                .onFailure()
                .recoverWithItem(f -> {
                    LOG.warnf(
                            "guard round failed (its rollouts are evaluated again at the next sweep): %s",
                            f.toString());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** Every guarded rollout, whether or not it received events (a lost round is caught up here). */
    @Scheduled(
            every = "${otter.telemetry.guard.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return redis.hash(String.class)
                .hkeys(redisKeys.rolloutGuards())
                .chain(this::evaluateAll)
                .chain(() -> redis.hash(String.class).hkeys(redisKeys.releaseWatches()))
                .chain(this::evaluateWatches)
                .onFailure()
                .recoverWithItem(f -> {
                    LOG.warnf("guard sweep failed (the next sweep tries again): %s", f.toString());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** Evaluates rollouts one after another; returns how many triggers were fired. */
    public Uni<Integer> evaluateAll(List<String> rolloutIds) {
        return Multi.createFrom()
                .iterable(rolloutIds)
                .onItem()
                .transformToUniAndConcatenate(id -> evaluate(id).onFailure().recoverWithItem(failure -> {
                    LOG.warnf("guard of rollout %s not evaluated: %s", id, failure.toString());
                    return false;
                }))
                .collect()
                .asList()
                .map(fired -> (int) fired.stream().filter(Boolean::booleanValue).count());
    }

    // The open watches of these families (a handful of watches: all are read, their families compared).
    private Uni<Integer> evaluateWatchesOf(List<String> families) {
        return redis.hash(String.class).hgetall(redisKeys.releaseWatches()).chain(all -> {
            List<String> ids = new ArrayList<>();
            all.forEach((id, body) -> {
                try {
                    if (families.contains(
                            json.readValue(body, ReleaseWatch.class).family())) {
                        ids.add(id);
                    }
                } catch (JsonProcessingException e) {
                    LOG.warnf(
                            "unreadable release watch %s skipped (the sweep reports it again): %s", id, e.getMessage());
                }
            });
            return evaluateWatches(ids);
        });
    }

    /** Evaluates release watches one after another; returns how many triggers were fired. */
    public Uni<Integer> evaluateWatches(List<String> watchIds) {
        return Multi.createFrom()
                .iterable(watchIds)
                .onItem()
                .transformToUniAndConcatenate(
                        id -> evaluateWatch(id).onFailure().recoverWithItem(failure -> {
                            LOG.warnf(
                                    "release watch %s not evaluated (the next sweep tries again): %s",
                                    id, failure.toString());
                            return false;
                        }))
                .collect()
                .asList()
                .map(fired -> (int) fired.stream().filter(Boolean::booleanValue).count());
    }

    // Segments are judged on every round only where they can act (exclude_segments); otherwise once,
    // for the evidence, when a rollback fires.
    private Uni<Boolean> evaluate(String rolloutId) {
        return health.guard(rolloutId)
                .chain(guard -> guard == null
                        ? Uni.createFrom().item(false)
                        : health.health(guard, guard.excludeSegments()).chain(view -> decide(guard, view)));
    }

    private Uni<Boolean> decide(RolloutGuard guard, RolloutHealthView view) {
        if (guard.excludeSegments()) {
            Optional<TriggerEvidence.Exclusion> exclusion = TriggerEvidence.exclusion(view);
            if (exclusion.isPresent()) {
                // confined to a segment while the rest is healthy: exclude it, never roll back this round
                return fire(
                        guard.rolloutId(),
                        null,
                        view,
                        exclusion.get().variant(),
                        exclusion.get().segment());
            }
        }
        Optional<RolloutHealthView.VariantHealth> bad = unhealthy(view);
        if (bad.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Uni<RolloutHealthView> withSegments =
                guard.excludeSegments() ? Uni.createFrom().item(view) : health.health(guard, true);
        return withSegments.chain(v -> fire(
                guard.rolloutId(),
                null,
                v,
                v.variants().stream()
                        .filter(x -> x.variant().equals(bad.get().variant()))
                        .findFirst()
                        .orElse(bad.get()),
                null));
    }

    private Uni<Boolean> evaluateWatch(String watchId) {
        return health.watch(watchId)
                .chain(watch -> watch == null
                        ? Uni.createFrom().item(false)
                        : health.health(watch).chain(view -> unhealthy(view)
                                .map(v -> fire(null, watch.id(), view, v, null))
                                .orElse(Uni.createFrom().item(false))));
    }

    private static Optional<RolloutHealthView.VariantHealth> unhealthy(RolloutHealthView view) {
        return view.variants().stream()
                .filter(v -> v.verdict() == Verdict.UNHEALTHY)
                .findFirst();
    }

    // A rollback is claimed under the rollout's id, a segment's exclusion under the rollout's id and
    // the segment, a watch's revert under "watch:" and its id.
    private Uni<Boolean> fire(
            String rolloutId,
            String watchId,
            RolloutHealthView view,
            RolloutHealthView.VariantHealth bad,
            RolloutHealthView.SegmentHealth segment) {
        String triggerId = UUID.randomUUID().toString();
        String subject = rolloutId != null ? rolloutId : watchId;
        String claim = watchId != null
                ? "watch:" + watchId
                : segment != null ? rolloutId + "|exclude|" + segment.dimension() + "=" + segment.value() : rolloutId;
        return redis.hash(String.class).hsetnx(keys.fired(), claim, triggerId).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(false); // fired before, by this or another instance
            }
            GuardTrigger trigger = TriggerEvidence.trigger(triggerId, rolloutId, watchId, view, bad, segment);
            String payload;
            try {
                payload = json.writeValueAsString(trigger);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            LOG.warnf("%s, triggering %s: %s", subject(rolloutId, watchId), action(watchId, segment), trigger.reason());
            return triggers.sendMessage(Message.of(payload)
                            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                    .withKey(subject)
                                    .build()))
                    .replaceWith(true)
                    .onFailure()
                    .call(f -> redis.hash(String.class).hdel(keys.fired(), claim));
        });
    }

    private static String subject(String rolloutId, String watchId) {
        return rolloutId != null ? "rollout " + rolloutId : "release watch " + watchId;
    }

    private static String action(String watchId, RolloutHealthView.SegmentHealth segment) {
        return watchId != null ? "a revert" : segment != null ? "the exclusion of a segment" : "a rollback";
    }
}
