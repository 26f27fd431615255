package dev.otter.rollout.guard.service;

import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.rollout.guard.GuardTriggerOutcome;
import dev.otter.rollout.guard.api.GuardTriggerView;
import dev.otter.rollout.guard.repository.GuardTriggerEntity;
import dev.otter.rollout.guard.repository.GuardTriggerRepository;
import dev.otter.rollout.rollout.repository.RolloutRepository;
import dev.otter.rollout.rollout.service.RolloutService;
import dev.otter.support.error.ApiException;
import dev.otter.support.persistence.StoredJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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

    /** Applies one trigger; its outcome is recorded unless it is a duplicate. */
    @WithSession
    public Uni<GuardTriggerOutcome> apply(GuardTrigger trigger) {
        return classify(trigger)
                .chain(outcome -> switch (outcome) {
                    case APPLIED ->
                        rolloutService
                                .rollback(trigger.rolloutId(), reason(trigger), ACTOR, StoredJson.write(trigger))
                                .replaceWith(GuardTriggerOutcome.APPLIED)
                                // lost a race with a manual end (ILLEGAL_TRANSITION): nothing left to roll back
                                .onFailure(ApiException.class)
                                .recoverWithItem(GuardTriggerOutcome.IGNORED)
                                .call(o -> record(trigger, o));
                    case IGNORED -> record(trigger, outcome).replaceWith(outcome);
                    case DUPLICATE -> Uni.createFrom().item(outcome);
                })
                .invoke(outcome -> LOG.infof(
                        "guard trigger %s for rollout %s: %s", trigger.triggerId(), trigger.rolloutId(), outcome));
    }

    /** The triggers received for a rollout, oldest first. */
    @WithSession
    public Uni<List<GuardTriggerView>> list(String rolloutId) {
        return triggers.list("rolloutId = ?1 order by receivedAt", rolloutId).map(all -> all.stream()
                .map(t -> new GuardTriggerView(t.triggerId, t.receivedAt, t.outcome, t.detail, t.evidence))
                .toList());
    }

    private Uni<GuardTriggerOutcome> classify(GuardTrigger trigger) {
        return triggers.findById(trigger.triggerId())
                .chain(seen -> seen != null
                        ? Uni.createFrom().item(GuardTriggerOutcome.DUPLICATE)
                        : rollouts.findById(trigger.rolloutId())
                                .map(r -> r != null && r.status.isActive()
                                        ? GuardTriggerOutcome.APPLIED
                                        : GuardTriggerOutcome.IGNORED));
    }

    // Recorded in its own transaction, inside this call's session.
    private Uni<GuardTriggerEntity> record(GuardTrigger trigger, GuardTriggerOutcome outcome) {
        GuardTriggerEntity e = new GuardTriggerEntity();
        e.triggerId = trigger.triggerId();
        e.rolloutId = trigger.rolloutId();
        e.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.outcome = outcome;
        e.detail = reason(trigger);
        e.evidence = trigger.evidence();
        return triggers.record(e);
    }

    private static String reason(GuardTrigger t) {
        return "automatic rollback by the guard: " + t.reason();
    }
}
