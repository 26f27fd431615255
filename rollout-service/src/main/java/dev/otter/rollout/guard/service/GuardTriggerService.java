package dev.otter.rollout.guard.service;

import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.rollout.guard.GuardTriggerOutcome;
import dev.otter.rollout.guard.api.GuardTriggerView;
import dev.otter.rollout.guard.repository.GuardTriggerEntity;
import dev.otter.rollout.guard.repository.GuardTriggerRepository;
import dev.otter.rollout.rollout.repository.RolloutRepository;
import dev.otter.rollout.rollout.service.ReleaseWatchService;
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
 * it is RUNNING or PAUSED, and reverts a release watch only while it is WATCHING, so a redelivered
 * or repeated trigger changes nothing; every trigger and its outcome is recorded, and the audit
 * entry of the rollback (or of the channel default put back) carries the evidence.
 */
@ApplicationScoped
public class GuardTriggerService {
    /** The actor recorded for automatic rollbacks. */
    public static final String ACTOR = "guard:telemetry";

    private static final Logger LOG = Logger.getLogger(GuardTriggerService.class);

    private final RolloutRepository rollouts;
    private final GuardTriggerRepository triggers;
    private final RolloutService rolloutService;
    private final ReleaseWatchService watches;

    public GuardTriggerService(
            RolloutRepository rollouts,
            GuardTriggerRepository triggers,
            RolloutService rolloutService,
            ReleaseWatchService watches) {
        this.rollouts = rollouts;
        this.triggers = triggers;
        this.rolloutService = rolloutService;
        this.watches = watches;
    }

    /** Applies one trigger; its outcome is recorded unless it is a duplicate. */
    @WithSession
    public Uni<GuardTriggerOutcome> apply(GuardTrigger trigger) {
        return classify(trigger)
                .chain(outcome -> switch (outcome) {
                    case APPLIED -> act(trigger).call(o -> record(trigger, o));
                    case IGNORED -> record(trigger, outcome).replaceWith(outcome);
                    case DUPLICATE -> Uni.createFrom().item(outcome);
                })
                .invoke(outcome ->
                        LOG.infof("guard trigger %s for %s: %s", trigger.triggerId(), subject(trigger), outcome));
    }

    private Uni<GuardTriggerOutcome> act(GuardTrigger trigger) {
        if (trigger.watchId() != null) {
            // false: the watch ended meanwhile (passed, superseded): nothing left to revert
            return watches.revert(trigger.watchId(), revertReason(trigger), ACTOR, StoredJson.write(trigger))
                    .map(reverted -> reverted ? GuardTriggerOutcome.APPLIED : GuardTriggerOutcome.IGNORED);
        }
        if (trigger.exclude() != null && dimension(trigger.exclude().dimension()) == null) {
            LOG.errorf("guard trigger %s names an unknown segment dimension; ignored", trigger.triggerId());
            return Uni.createFrom().item(GuardTriggerOutcome.IGNORED);
        }
        Uni<?> change = trigger.exclude() != null
                ? rolloutService.excludeSegment(
                        trigger.rolloutId(),
                        dimension(trigger.exclude().dimension()),
                        trigger.exclude().value(),
                        trigger.reason(),
                        ACTOR,
                        StoredJson.write(trigger))
                : rolloutService.rollback(trigger.rolloutId(), reason(trigger), ACTOR, StoredJson.write(trigger));
        return change.replaceWith(GuardTriggerOutcome.APPLIED)
                // lost a race with a manual end, or the segment is out already (ILLEGAL_TRANSITION)
                .onFailure(ApiException.class)
                .recoverWithItem(GuardTriggerOutcome.IGNORED);
    }

    /** The triggers received for a rollout, oldest first. */
    @WithSession
    public Uni<List<GuardTriggerView>> list(String rolloutId) {
        return triggers.list("rolloutId = ?1 order by receivedAt", rolloutId).map(GuardTriggerService::views);
    }

    /** The triggers received for a release watch, oldest first. */
    @WithSession
    public Uni<List<GuardTriggerView>> listForWatch(String watchId) {
        return triggers.list("watchId = ?1 order by receivedAt", watchId).map(GuardTriggerService::views);
    }

    private static List<GuardTriggerView> views(List<GuardTriggerEntity> all) {
        return all.stream()
                .map(t -> new GuardTriggerView(t.triggerId, t.receivedAt, t.outcome, t.detail, t.evidence))
                .toList();
    }

    private Uni<GuardTriggerOutcome> classify(GuardTrigger trigger) {
        return triggers.findById(trigger.triggerId())
                .chain(seen -> seen != null
                        ? Uni.createFrom().item(GuardTriggerOutcome.DUPLICATE)
                        : trigger.watchId() != null
                                ? watches.isOpen(trigger.watchId())
                                        .map(open -> open ? GuardTriggerOutcome.APPLIED : GuardTriggerOutcome.IGNORED)
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
        e.watchId = trigger.watchId();
        e.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.outcome = outcome;
        e.detail = trigger.watchId() != null
                ? revertReason(trigger)
                : trigger.exclude() != null ? excludeReason(trigger) : reason(trigger);
        e.evidence = trigger.evidence();
        return triggers.record(e);
    }

    private static String subject(GuardTrigger t) {
        return t.watchId() != null ? "release watch " + t.watchId() : "rollout " + t.rolloutId();
    }

    private static SegmentDimension dimension(String name) {
        try {
            return SegmentDimension.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String excludeReason(GuardTrigger t) {
        return "automatic exclusion by the guard: " + t.reason();
    }

    private static String revertReason(GuardTrigger t) {
        return "automatic revert by the guard: " + t.reason();
    }

    private static String reason(GuardTrigger t) {
        return "automatic rollback by the guard: " + t.reason();
    }
}
