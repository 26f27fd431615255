package dev.otter.rollout.rollout.service;

import dev.otter.rollout.audit.AuditAction;
import dev.otter.rollout.audit.service.AuditLog;
import dev.otter.rollout.rollout.RolloutError;
import dev.otter.rollout.rollout.api.TesterGroupView;
import dev.otter.rollout.rollout.repository.RolloutRepository;
import dev.otter.rollout.rollout.repository.TesterGroupEntity;
import dev.otter.rollout.rollout.repository.TesterGroupRepository;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The transactions of {@link TesterGroupService}: each change and its audit entry commit together. */
@ApplicationScoped
public class TesterGroupWrites {
    private final TesterGroupRepository groups;
    private final RolloutRepository rollouts;
    private final AuditLog audit;

    public TesterGroupWrites(TesterGroupRepository groups, RolloutRepository rollouts, AuditLog audit) {
        this.groups = groups;
        this.rollouts = rollouts;
        this.audit = audit;
    }

    /** Creates or replaces a group. */
    @WithTransaction
    public Uni<TesterGroupEntity> put(String name, String description, List<String> ids, String actor) {
        return groups.findById(name).chain(existing -> {
            TesterGroupEntity g = existing != null ? existing : new TesterGroupEntity();
            TesterGroupView before = existing == null ? null : RolloutViews.group(existing);
            g.name = name;
            g.description = description;
            g.installIds = ids;
            g.updatedAt = RolloutWrites.now();
            g.updatedBy = actor;
            return groups.persist(g)
                    .call(saved -> audit.record(
                            actor,
                            existing == null ? AuditAction.CREATE_TESTER_GROUP : AuditAction.UPDATE_TESTER_GROUP,
                            null,
                            null,
                            null,
                            before,
                            RolloutViews.group(saved),
                            ids.size() + " members"));
        });
    }

    /** Deletes a group that no active rollout uses. */
    @WithTransaction
    public Uni<Void> delete(String name, String actor) {
        return require(groups, name)
                .call(g -> rollouts.activeUsesTesterGroup(name).invoke(used -> {
                    if (used) {
                        throw new ApiException(
                                RolloutError.TESTER_GROUP_IN_USE,
                                "tester group " + name + " is used by an active rollout");
                    }
                }))
                .call(g -> audit.record(
                        actor, AuditAction.DELETE_TESTER_GROUP, null, null, null, RolloutViews.group(g), null, null))
                .call(groups::delete)
                .replaceWithVoid();
    }

    static Uni<TesterGroupEntity> require(TesterGroupRepository groups, String name) {
        return groups.findById(name)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(RolloutError.TESTER_GROUP_NOT_FOUND, "no tester group " + name));
    }
}
