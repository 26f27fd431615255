package dev.otter.rollout.rollout.service;

import dev.otter.contract.rollout.CohortRules;
import dev.otter.rollout.audit.AuditAction;
import dev.otter.rollout.audit.service.AuditLog;
import dev.otter.rollout.rollout.RolloutError;
import dev.otter.rollout.rollout.api.RolloutView;
import dev.otter.rollout.rollout.repository.RolloutEntity;
import dev.otter.rollout.rollout.repository.RolloutRepository;
import dev.otter.rollout.rollout.repository.TesterGroupRepository;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * The transactions of {@link RolloutService}: each change and its audit entry commit together.
 * Kept apart so that the service can publish the family's state only once they have committed.
 */
@ApplicationScoped
public class RolloutWrites {
    private final RolloutRepository rollouts;
    private final TesterGroupRepository groups;
    private final AuditLog audit;

    public RolloutWrites(RolloutRepository rollouts, TesterGroupRepository groups, AuditLog audit) {
        this.rollouts = rollouts;
        this.groups = groups;
        this.audit = audit;
    }

    /** Stores a new rollout (its tester groups must exist). */
    @WithTransaction
    public Uni<RolloutEntity> create(RolloutEntity r, String actor) {
        return requireGroups(r.rules)
                .chain(() -> rollouts.persist(r))
                .call(saved -> audit.record(
                        actor,
                        AuditAction.CREATE,
                        saved.id,
                        saved.family,
                        saved.channel.wireName(),
                        null,
                        RolloutViews.rollout(saved),
                        null));
    }

    /**
     * Loads the rollout, applies {@code mutation} and records before/after in the audit trail.
     * Concurrent changes fail with an optimistic-lock exception, which the service turns into a 409.
     */
    @WithTransaction
    public Uni<RolloutEntity> change(
            String id, String actor, AuditAction action, String detail, Function<RolloutEntity, Uni<?>> mutation) {
        return require(id).chain(r -> {
            RolloutView before = RolloutViews.rollout(r);
            return mutation.apply(r)
                    .invoke(() -> r.updatedAt = now())
                    .chain(() -> rollouts.flush())
                    .chain(() -> audit.record(
                            actor,
                            action,
                            r.id,
                            r.family,
                            r.channel.wireName(),
                            before,
                            RolloutViews.rollout(r),
                            detail))
                    .replaceWith(r);
        });
    }

    @WithSession
    public Uni<RolloutEntity> get(String id) {
        return require(id);
    }

    @WithSession
    public Uni<List<RolloutEntity>> search(
            String family, dev.otter.contract.Channel channel, dev.otter.rollout.rollout.RolloutStatus status) {
        return rollouts.search(family, channel, status);
    }

    /** The active (RUNNING or PAUSED) rollout of a family and channel, or null; inside the caller's transaction. */
    Uni<RolloutEntity> findActive(String family, dev.otter.contract.Channel channel) {
        return rollouts.findActive(family, channel);
    }

    /** The tester groups the rules name must exist. */
    Uni<Void> requireGroups(CohortRules rules) {
        if (rules.testerGroups().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return groups.find("name in ?1", rules.testerGroups())
                .list()
                .invoke(found -> {
                    List<String> missing = rules.testerGroups().stream()
                            .filter(g -> found.stream().noneMatch(f -> f.name.equals(g)))
                            .toList();
                    if (!missing.isEmpty()) {
                        throw new ApiException(
                                RolloutError.TESTER_GROUP_NOT_FOUND, "no tester group " + String.join(", ", missing));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<RolloutEntity> require(String id) {
        return rollouts.findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(RolloutError.ROLLOUT_NOT_FOUND, "no rollout " + id));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
