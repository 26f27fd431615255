package dev.otter.telemetry.guard.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Watches guarded rollouts: every second those that received events, every sweep all of them. When
 * a target variant is UNHEALTHY it fires one trigger per rollout (claimed in Redis, so several
 * telemetry instances fire it once) on Kafka for rollout-service to roll back; if Kafka refuses,
 * the claim is released and the next round fires again.
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

    /** Counting changed these rollouts: they are evaluated in the next round. */
    void onCounted(@Observes RolloutsCounted counted) {
        dirty.addAll(counted.rolloutIds());
    }

    /** The rollouts that received events since the last round. */
    @Scheduled(
            every = "${otter.telemetry.guard.evaluation-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> evaluateDirty() {
        List<String> ids = new ArrayList<>(dirty);
        dirty.removeAll(ids);
        return evaluateAll(ids)
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

    private Uni<Boolean> evaluate(String rolloutId) {
        return health.guard(rolloutId)
                .chain(guard -> guard == null
                        ? Uni.createFrom().item(false)
                        : health.health(guard).chain(view -> view.variants().stream()
                                .filter(v -> v.verdict() == Verdict.UNHEALTHY)
                                .findFirst()
                                .map(v -> fire(guard, view, v))
                                .orElse(Uni.createFrom().item(false))));
    }

    private Uni<Boolean> fire(RolloutGuard guard, RolloutHealthView view, RolloutHealthView.VariantHealth bad) {
        String triggerId = UUID.randomUUID().toString();
        return redis.hash(String.class)
                .hsetnx(keys.fired(), guard.rolloutId(), triggerId)
                .chain(claimed -> {
                    if (!claimed) {
                        return Uni.createFrom().item(false); // fired before, by this or another instance
                    }
                    GuardTrigger trigger = trigger(triggerId, guard, view, bad);
                    String payload;
                    try {
                        payload = json.writeValueAsString(trigger);
                    } catch (JsonProcessingException e) {
                        return Uni.createFrom().failure(e);
                    }
                    LOG.warnf(
                            "rollout %s variant %s is unhealthy, triggering a rollback: %s",
                            guard.rolloutId(), bad.variant(), bad.reason());
                    return triggers.sendMessage(Message.of(payload)
                                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                            .withKey(guard.rolloutId())
                                            .build()))
                            .replaceWith(true)
                            .onFailure()
                            .call(f -> redis.hash(String.class).hdel(keys.fired(), guard.rolloutId()));
                });
    }

    private static GuardTrigger.SignalEvidence evidence(RolloutHealthView.SignalHealth s) {
        return new GuardTrigger.SignalEvidence(
                s.signal(),
                s.mode(),
                s.verdict(),
                s.events(),
                s.trials(),
                s.threshold(),
                s.evidence().testedAgainst(),
                s.evidence().statistic(),
                s.evidence().boundary(),
                s.evidence().events(),
                s.evidence().trials(),
                s.evidence().minutes());
    }

    private static GuardTrigger trigger(
            String triggerId, RolloutGuard guard, RolloutHealthView view, RolloutHealthView.VariantHealth bad) {
        RolloutHealthView.Baseline b = view.baseline();
        return new GuardTrigger(
                triggerId,
                guard.rolloutId(),
                bad.variant(),
                bad.version(),
                bad.variant() + " " + bad.version() + ": " + bad.reason(),
                new GuardTrigger.Evidence(
                        bad.sessions(),
                        bad.crashes(),
                        bad.rate(),
                        bad.lowerBound(),
                        bad.upperBound(),
                        guard.crashRateThreshold(),
                        b.sessions(),
                        b.crashes(),
                        b.rate(),
                        guard.baselineMargin(),
                        guard.windowSeconds(),
                        bad.evidence().statistic(),
                        bad.evidence().boundary(),
                        bad.evidence().testedAgainst(),
                        bad.evidence().trials(),
                        bad.evidence().events(),
                        bad.evidence().minutes(),
                        bad.decidedBy(),
                        bad.signals().stream().map(GuardEvaluator::evidence).toList()),
                Instant.now());
    }
}
