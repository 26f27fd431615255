package dev.otter.rollout.service;

import dev.otter.rollout.RolloutError;
import dev.otter.rollout.api.TesterGroupRequest;
import dev.otter.rollout.api.TesterGroupView;
import dev.otter.rollout.repository.RolloutEntity;
import dev.otter.rollout.repository.RolloutRepository;
import dev.otter.rollout.repository.TesterGroupEntity;
import dev.otter.rollout.repository.TesterGroupRepository;
import dev.otter.rollout.snapshot.SnapshotPublisher;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.FieldErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tester groups: named install ids (e.g. staff) that a rollout includes before anyone else. A change
 * republishes the snapshot of every family whose active rollout uses the group.
 */
@ApplicationScoped
public class TesterGroupService {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,63}$");
    private static final Pattern INSTALL_ID = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");

    private final TesterGroupRepository groups;
    private final RolloutRepository rollouts;
    private final AuditLog audit;
    private final SnapshotPublisher publisher;

    public TesterGroupService(
            TesterGroupRepository groups, RolloutRepository rollouts, AuditLog audit, SnapshotPublisher publisher) {
        this.groups = groups;
        this.rollouts = rollouts;
        this.audit = audit;
        this.publisher = publisher;
    }

    public Uni<TesterGroupView> put(String name, TesterGroupRequest request, String actor) {
        requireName(name);
        List<String> ids = validIds(request.installIds());
        return Panache.withTransaction(() -> groups.findById(name).chain(existing -> {
                    TesterGroupEntity g = existing != null ? existing : new TesterGroupEntity();
                    TesterGroupView before = existing == null ? null : RolloutViews.group(existing);
                    g.name = name;
                    g.description = request.description();
                    g.installIds = ids;
                    g.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    g.updatedBy = actor;
                    return groups.persist(g)
                            .call(saved -> audit.record(
                                    actor,
                                    existing == null ? "CREATE_TESTER_GROUP" : "UPDATE_TESTER_GROUP",
                                    null,
                                    null,
                                    null,
                                    before,
                                    RolloutViews.group(saved),
                                    ids.size() + " members"));
                }))
                .call(() -> republishUsers(name))
                .map(RolloutViews::group);
    }

    public Uni<List<TesterGroupView>> list() {
        return Panache.withSession(() -> groups.listAll())
                .map(all -> all.stream().map(RolloutViews::group).toList());
    }

    public Uni<TesterGroupView> get(String name) {
        return Panache.withSession(() -> require(name)).map(RolloutViews::group);
    }

    public Uni<Void> delete(String name, String actor) {
        return Panache.withTransaction(() -> require(name)
                .call(g -> rollouts.activeUsesTesterGroup(name).invoke(used -> {
                    if (used) {
                        throw new ApiException(
                                RolloutError.TESTER_GROUP_IN_USE,
                                "tester group " + name + " is used by an active rollout");
                    }
                }))
                .call(g ->
                        audit.record(actor, "DELETE_TESTER_GROUP", null, null, null, RolloutViews.group(g), null, null))
                .call(groups::delete)
                .replaceWithVoid());
    }

    private Uni<Void> republishUsers(String group) {
        return Panache.withSession(() -> rollouts.search(null, null, null))
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
        return groups.findById(name)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(RolloutError.TESTER_GROUP_NOT_FOUND, "no tester group " + name));
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException(
                    CommonError.INVALID_PARAMETER, "a tester group name is 1-64 lower-case letters, digits, _ or -");
        }
    }

    private static List<String> validIds(List<String> ids) {
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || !INSTALL_ID.matcher(ids.get(i)).matches()) {
                errors.add("install_ids[" + i + "]", "must be an install id (1-128 letters, digits, - or _)");
            }
        }
        errors.throwIfAny();
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
