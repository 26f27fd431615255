package dev.otter.rollout.service;

import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.rollout.repository.GuardTriggerEntity;
import dev.otter.rollout.repository.GuardTriggerRepository;
import dev.otter.rollout.repository.RolloutRepository;
import dev.otter.rollout.repository.StoredJson;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Applies telemetry's rollback demands exactly once: a trigger rolls back its rollout only while
 * it is RUNNING or PAUSED, so a redelivered or repeated trigger changes nothing; every trigger and
 * its outcome is recorded, and the rollback's audit entry carries the evidence.
 */
@ApplicationScoped
public class GuardTriggerService {
    /** The actor recorded for automatic rollbacks. */
    public static final String ACTOR = "guard:telemetry";

    private static final Logger LOG = Logger.getLogger(GuardTriggerService.class);

    private final RolloutRepository rollouts;
    private final GuardTriggerRepository triggers;
    private final RolloutService rolloutService;

    public GuardTriggerService(
            RolloutRepository rollouts, GuardTriggerRepository triggers, RolloutService rolloutService) {
        this.rollouts = rollouts;
        this.triggers = triggers;
        this.rolloutService = rolloutService;
    }

    /** Returns the outcome: APPLIED, IGNORED, or DUPLICATE (this trigger id was handled before). */
    public Uni<String> apply(GuardTrigger trigger) {
        return Panache.withSession(() -> triggers.findById(trigger.triggerId()).chain(seen -> {
                    if (seen != null) {
                        return Uni.createFrom().item("DUPLICATE");
                    }
                    return rollouts.findById(trigger.rolloutId())
                            .map(r -> r != null && r.status.isActive()
                                    ? GuardTriggerEntity.APPLIED
                                    : GuardTriggerEntity.IGNORED);
                }))
                .chain(outcome -> switch (outcome) {
                    case GuardTriggerEntity.APPLIED ->
                        rolloutService
                                .rollback(trigger.rolloutId(), reason(trigger), ACTOR, StoredJson.write(trigger))
                                .replaceWith(outcome)
                                // lost a race with a manual end (ILLEGAL_TRANSITION): nothing left to roll back
                                .onFailure(ApiException.class)
                                .recoverWithItem(GuardTriggerEntity.IGNORED)
                                .call(o -> record(trigger, o));
                    case GuardTriggerEntity.IGNORED -> record(trigger, outcome).replaceWith(outcome);
                    default -> Uni.createFrom().item(outcome);
                })
                .invoke(outcome -> LOG.infof(
                        "guard trigger %s for rollout %s: %s", trigger.triggerId(), trigger.rolloutId(), outcome));
    }

    /** The triggers received for a rollout, oldest first. */
    public Uni<java.util.List<dev.otter.rollout.api.GuardTriggerView>> list(String rolloutId) {
        return Panache.withSession(() -> triggers.list("rolloutId = ?1 order by receivedAt", rolloutId))
                .map(all -> all.stream()
                        .map(t -> new dev.otter.rollout.api.GuardTriggerView(
                                t.triggerId, t.receivedAt, t.outcome, t.detail))
                        .toList());
    }

    private Uni<GuardTriggerEntity> record(GuardTrigger trigger, String outcome) {
        GuardTriggerEntity e = new GuardTriggerEntity();
        e.triggerId = trigger.triggerId();
        e.rolloutId = trigger.rolloutId();
        e.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.outcome = outcome;
        e.detail = reason(trigger);
        return Panache.withTransaction(() -> triggers.persist(e));
    }

    private static String reason(GuardTrigger t) {
        return "automatic rollback by the crash-rate guard: " + t.reason();
    }
}
