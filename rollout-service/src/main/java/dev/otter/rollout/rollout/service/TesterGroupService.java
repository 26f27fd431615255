package dev.otter.rollout.rollout.service;

import dev.otter.contract.Identifiers;
import dev.otter.rollout.rollout.api.TesterGroupRequest;
import dev.otter.rollout.rollout.api.TesterGroupView;
import dev.otter.rollout.rollout.messaging.SnapshotPublisher;
import dev.otter.rollout.rollout.repository.RolloutEntity;
import dev.otter.rollout.rollout.repository.RolloutRepository;
import dev.otter.rollout.rollout.repository.TesterGroupEntity;
import dev.otter.rollout.rollout.repository.TesterGroupRepository;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.FieldErrors;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Tester groups: named install ids (e.g. staff) that a rollout includes before anyone else. A change
 * republishes the snapshot of every family whose active rollout uses the group, once committed.
 */
@ApplicationScoped
public class TesterGroupService {
    private final TesterGroupRepository groups;
    private final RolloutRepository rollouts;
    private final TesterGroupWrites writes;
    private final SnapshotPublisher publisher;

    public TesterGroupService(
            TesterGroupRepository groups,
            RolloutRepository rollouts,
            TesterGroupWrites writes,
            SnapshotPublisher publisher) {
        this.groups = groups;
        this.rollouts = rollouts;
        this.writes = writes;
        this.publisher = publisher;
    }

    /** Creates or replaces a group; republishes the families whose active rollouts use it. */
    @WithSession
    public Uni<TesterGroupView> put(String name, TesterGroupRequest request, String actor) {
        requireName(name);
        List<String> ids = validIds(request.installIds());
        return writes.put(name, request.description(), ids, actor)
                .call(() -> republishUsers(name))
                .map(RolloutViews::group);
    }

    @WithSession
    public Uni<List<TesterGroupView>> list() {
        return groups.listAll().map(all -> all.stream().map(RolloutViews::group).toList());
    }

    @WithSession
    public Uni<TesterGroupView> get(String name) {
        return require(name).map(RolloutViews::group);
    }

    /** Deletes a group that no active rollout uses. */
    public Uni<Void> delete(String name, String actor) {
        return writes.delete(name, actor);
    }

    private Uni<Void> republishUsers(String group) {
        return rollouts.search(null, null, null)
                .map(all -> all.stream()
                        .filter(r ->
                                r.status.isActive() && r.rules.testerGroups().contains(group))
                        .map((RolloutEntity r) -> r.family)
                        .distinct()
                        .toList())
                .chain(families -> Multi.createFrom()
                        .iterable(families)
                        .onItem()
                        .transformToUniAndConcatenate(publisher::publish)
                        .collect()
                        .asList()
                        .replaceWithVoid());
    }

    private Uni<TesterGroupEntity> require(String name) {
        return TesterGroupWrites.require(groups, name);
    }

    private static void requireName(String name) {
        if (name == null || !Identifiers.GROUP_PATTERN.matcher(name).matches()) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "a tester group name " + Identifiers.GROUP_MESSAGE);
        }
    }

    private static List<String> validIds(List<String> ids) {
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null
                    || !Identifiers.INSTALL_ID_PATTERN.matcher(ids.get(i)).matches()) {
                errors.add("install_ids[" + i + "]", "must be an install id: " + Identifiers.INSTALL_ID_MESSAGE);
            }
        }
        errors.throwIfAny();
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
