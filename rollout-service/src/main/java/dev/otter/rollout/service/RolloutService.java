package dev.otter.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.Variant;
import dev.otter.rollout.Guard;
import dev.otter.rollout.RolloutError;
import dev.otter.rollout.RolloutStatus;
import dev.otter.rollout.Stage;
import dev.otter.rollout.api.AdvanceRequest;
import dev.otter.rollout.api.CreateRolloutRequest;
import dev.otter.rollout.api.RolloutView;
import dev.otter.rollout.api.StagesRequest;
import dev.otter.rollout.catalog.CatalogCheck;
import dev.otter.rollout.repository.ChannelDefaultEntity;
import dev.otter.rollout.repository.ChannelDefaultRepository;
import dev.otter.rollout.repository.RolloutEntity;
import dev.otter.rollout.repository.RolloutRepository;
import dev.otter.rollout.repository.TesterGroupRepository;
import dev.otter.rollout.snapshot.SnapshotPublisher;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.Problem;
import dev.otter.support.persistence.SqlFailures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;

/**
 * Rollouts: create, edit, and move along the {@link RolloutStatus} lifecycle. Every change is one
 * transaction that also writes its audit entry; after commit the family's snapshot is published to
 * Redis for the manifest-services.
 */
@ApplicationScoped
public class RolloutService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RolloutRepository rollouts;
    private final TesterGroupRepository groups;
    private final ChannelDefaultRepository defaults;
    private final AuditLog audit;
    private final CatalogCheck catalog;
    private final SnapshotPublisher publisher;

    public RolloutService(
            RolloutRepository rollouts,
            TesterGroupRepository groups,
            ChannelDefaultRepository defaults,
            AuditLog audit,
            CatalogCheck catalog,
            SnapshotPublisher publisher) {
        this.rollouts = rollouts;
        this.groups = groups;
        this.defaults = defaults;
        this.audit = audit;
        this.catalog = catalog;
        this.publisher = publisher;
    }

    public Uni<RolloutView> create(CreateRolloutRequest request, String actor) {
        RolloutDefinitions.Definition d = RolloutDefinitions.definition(request);
        return catalog.requireReleasable(d.family(), d.channel(), versions(d.baselineVersion(), d.variants()))
                .chain(() ->
                        Panache.withTransaction(() -> requireGroups(d.rules()).chain(() -> {
                            RolloutEntity r = new RolloutEntity();
                            Instant now = now();
                            r.id = UUID.randomUUID().toString();
                            r.family = d.family();
                            r.channel = d.channel();
                            r.name = d.name();
                            r.description = d.description();
                            r.status = RolloutStatus.DRAFT;
                            r.salt = HexFormat.of().formatHex(RANDOM.generateSeed(16));
                            r.baselineVersion = d.baselineVersion();
                            r.variants = d.variants();
                            r.rules = d.rules();
                            r.stages = d.stages();
                            r.guard = d.guard();
                            r.autoAdvance = d.autoAdvance();
                            r.createdAt = now;
                            r.createdBy = actor;
                            r.updatedAt = now;
                            return rollouts.persist(r)
                                    .call(saved -> audit.record(
                                            actor,
                                            "CREATE",
                                            saved.id,
                                            saved.family,
                                            saved.channel.wireName(),
                                            null,
                                            RolloutViews.rollout(saved),
                                            null));
                        })))
                .map(RolloutViews::rollout);
    }

    public Uni<List<RolloutView>> list(String family, String channel, String status) {
        Channel c = channel == null ? null : parseChannel(channel);
        RolloutStatus s = status == null ? null : parseStatus(status);
        return Panache.withSession(() -> rollouts.search(family, c, s))
                .map(all -> all.stream().map(RolloutViews::rollout).toList());
    }

    public Uni<RolloutView> get(String id) {
        return Panache.withSession(() -> require(id)).map(RolloutViews::rollout);
    }

    public Uni<RolloutView> replaceRules(String id, CohortRules rules, String actor) {
        CohortRules valid = RolloutDefinitions.rules(rules, "rules");
        return change(id, actor, "EDIT_RULES", null, r -> requireEditable(r)
                .chain(() -> requireGroups(valid))
                .invoke(() -> r.rules = valid));
    }

    public Uni<RolloutView> replaceStages(String id, StagesRequest request, String actor) {
        if (request == null || request.stages() == null) {
            throw new ApiException(
                    CommonError.VALIDATION_FAILED,
                    "stages: is required",
                    List.of(new Problem.FieldError("stages", "is required")));
        }
        List<Stage> stages = RolloutDefinitions.stages(request.stages());
        Guard guard = request.guard() == null ? null : RolloutDefinitions.guard(request.guard());
        return change(id, actor, "EDIT_STAGES", null, r -> requireEditable(r).invoke(() -> {
            r.stages = stages;
            r.currentStage = Math.min(r.currentStage, stages.size() - 1);
            if (guard != null) {
                r.guard = guard;
            }
            if (request.autoAdvance() != null) {
                r.autoAdvance = request.autoAdvance();
            }
        }));
    }

    public Uni<RolloutView> start(String id, String actor) {
        return checkCatalog(id)
                .chain(() -> change(id, actor, "START", null, r -> requireTransition(r, RolloutStatus.RUNNING)
                        .chain(() -> rollouts.findActive(r.family, r.channel))
                        .invoke(active -> {
                            if (active != null) {
                                throw conflict(r, active.id);
                            }
                            Instant now = now();
                            r.status = RolloutStatus.RUNNING;
                            r.startedAt = now;
                            r.currentStage = 0;
                            r.percentageBasisPoints = r.stages.get(0).percentageBasisPoints();
                            r.stageStartedAt = now;
                        })
                        .chain(() -> anchorChannelDefault(r, actor))));
    }

    public Uni<RolloutView> pause(String id, String reason, String actor) {
        return change(id, actor, "PAUSE", reason, r -> requireTransition(r, RolloutStatus.PAUSED)
                .invoke(() -> r.status = RolloutStatus.PAUSED));
    }

    public Uni<RolloutView> resume(String id, String reason, String actor) {
        return checkCatalog(id)
                .chain(() -> change(id, actor, "RESUME", reason, r -> requireTransition(r, RolloutStatus.RUNNING)
                        .invoke(() -> r.status = RolloutStatus.RUNNING)));
    }

    public Uni<RolloutView> advance(String id, AdvanceRequest request, String actor) {
        boolean force = request != null && request.force();
        String reason = request == null ? null : request.reason();
        return change(id, actor, force ? "ADVANCE_FORCED" : "ADVANCE", reason, r -> {
            if (r.status != RolloutStatus.RUNNING) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                RolloutError.ILLEGAL_TRANSITION,
                                "only a RUNNING rollout advances; " + r.id + " is " + r.status));
            }
            if (r.currentStage + 1 >= r.stages.size()) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                RolloutError.NO_NEXT_STAGE,
                                "stage " + (r.currentStage + 1) + " of " + r.stages.size()
                                        + " is the last; complete the rollout instead"));
            }
            Instant bakedAt =
                    r.stageStartedAt.plusSeconds(r.stages.get(r.currentStage).minBakeSeconds());
            if (!force && Instant.now().isBefore(bakedAt)) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                RolloutError.STAGE_NOT_BAKED,
                                "stage " + (r.currentStage + 1) + " bakes until " + bakedAt
                                        + "; pass \"force\": true to advance now"));
            }
            r.currentStage++;
            r.percentageBasisPoints = Math.max(
                    r.percentageBasisPoints, r.stages.get(r.currentStage).percentageBasisPoints());
            r.stageStartedAt = now();
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<RolloutView> setPercentage(String id, java.math.BigDecimal percentage, String actor) {
        int bp = RolloutDefinitions.basisPoints(percentage, "percentage");
        return change(id, actor, "SET_PERCENTAGE", RolloutDefinitions.percentage(bp) + "%", r -> {
            if (!r.status.isActive()) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                RolloutError.ILLEGAL_TRANSITION,
                                "the percentage of a " + r.status + " rollout cannot change"));
            }
            r.percentageBasisPoints = bp;
            return Uni.createFrom().voidItem();
        });
    }

    /** Rolls back by hand. */
    public Uni<RolloutView> rollback(String id, String reason, String actor) {
        return rollback(id, reason, actor, reason);
    }

    /** Rolls back, recording {@code detail} (for automatic rollbacks: the evidence) in the audit trail. */
    public Uni<RolloutView> rollback(String id, String reason, String actor, String detail) {
        if (reason == null || reason.isBlank()) {
            throw new ApiException(
                    CommonError.VALIDATION_FAILED,
                    "reason: a rollback needs a reason",
                    List.of(new Problem.FieldError("reason", "required to roll back")));
        }
        return change(id, actor, "ROLLBACK", detail, r -> requireTransition(r, RolloutStatus.ROLLED_BACK)
                .invoke(() -> {
                    r.status = RolloutStatus.ROLLED_BACK;
                    r.endedAt = now();
                    r.endReason = reason;
                })
                .chain(() -> resetDefaultAfterRollback(r, actor)));
    }

    public Uni<RolloutView> complete(String id, String variantName, String actor) {
        return get(id).chain(view -> {
            Variant winner = winner(view.variants(), variantName);
            return catalog.requireReleasable(view.family(), Channel.parse(view.channel()), List.of(winner.version()))
                    .chain(() -> change(
                            id, actor, "COMPLETE", winner.name(), r -> requireTransition(r, RolloutStatus.COMPLETED)
                                    .chain(() -> setDefault(
                                            r.family, r.channel, winner.version(), actor, "completed rollout " + r.id))
                                    .invoke(() -> {
                                        r.status = RolloutStatus.COMPLETED;
                                        r.winner = winner.name();
                                        r.endedAt = now();
                                    })));
        });
    }

    // Catalog checks run before the transaction: they are HTTP calls, and a rollout's versions never
    // change after creation (the transaction still re-checks the status).
    private Uni<Void> checkCatalog(String id) {
        return get(id).chain(view -> catalog.requireReleasable(
                view.family(), Channel.parse(view.channel()), versions(view.baselineVersion(), view.variants())));
    }

    // ---- helpers

    /**
     * Loads the rollout, applies {@code mutation} and records before/after in the audit trail, in
     * one transaction; then publishes the family's snapshot. Concurrent changes are 409s.
     */
    private Uni<RolloutView> change(
            String id, String actor, String action, String detail, Function<RolloutEntity, Uni<?>> mutation) {
        return Panache.<RolloutEntity>withTransaction(() -> require(id).chain(r -> {
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
                }))
                .onFailure(RolloutService::isConcurrentModification)
                .transform(e -> new ApiException(
                        RolloutError.CONCURRENT_MODIFICATION, "rollout " + id + " changed meanwhile; reload and retry"))
                .onFailure(SqlFailures::isUniqueViolation)
                .transform(e -> new ApiException(
                        RolloutError.ROLLOUT_CONFLICT, "another rollout became active on the same family and channel"))
                .call(r -> publisher.publish(r.family))
                .map(RolloutViews::rollout);
    }

    private static boolean isConcurrentModification(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OptimisticLockException || c instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    // The first start on a channel pins its default to the baseline, so that from then on devices
    // outside a rollout get a chosen version, never simply the newest published one.
    private Uni<Void> anchorChannelDefault(RolloutEntity r, String actor) {
        return defaults.find(r.family, r.channel)
                .chain(existing -> existing != null
                        ? Uni.createFrom().voidItem()
                        : setDefault(
                                r.family, r.channel, r.baselineVersion, actor, "first rollout " + r.id + " started"));
    }

    // A channel default pointing at a version that was just rolled back goes back to the baseline.
    private Uni<Void> resetDefaultAfterRollback(RolloutEntity r, String actor) {
        List<String> bad = r.variants.stream()
                .map(Variant::version)
                .filter(v -> !v.equals(r.baselineVersion))
                .toList();
        return defaults.find(r.family, r.channel)
                .chain(d -> d != null && bad.contains(d.version)
                        ? setDefault(r.family, r.channel, r.baselineVersion, actor, "rollout " + r.id + " rolled back")
                        : Uni.createFrom().voidItem());
    }

    /** Sets a channel default inside the current transaction, with its audit entry. */
    Uni<Void> setDefault(String family, Channel channel, String version, String actor, String detail) {
        return defaults.find(family, channel).chain(existing -> {
            ChannelDefaultEntity d = existing != null ? existing : new ChannelDefaultEntity();
            Object before = existing == null ? null : RolloutViews.channelDefault(existing);
            d.family = family;
            d.channel = channel;
            d.version = version;
            d.updatedAt = now();
            d.updatedBy = actor;
            return defaults.persist(d)
                    .call(saved -> audit.record(
                            actor,
                            "SET_CHANNEL_DEFAULT",
                            null,
                            family,
                            channel.wireName(),
                            before,
                            RolloutViews.channelDefault(saved),
                            detail))
                    .replaceWithVoid();
        });
    }

    private static Variant winner(List<Variant> variants, String name) {
        if (name == null) {
            if (variants.size() > 1) {
                throw new ApiException(
                        CommonError.VALIDATION_FAILED,
                        "variant: name the winning variant of an A/B rollout",
                        List.of(new Problem.FieldError("variant", "required with several variants")));
            }
            return variants.get(0);
        }
        return variants.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        CommonError.VALIDATION_FAILED,
                        "variant: no variant " + name,
                        List.of(new Problem.FieldError(
                                "variant",
                                "must be one of "
                                        + variants.stream().map(Variant::name).collect(Collectors.joining(", "))))));
    }

    private Uni<Void> requireGroups(CohortRules rules) {
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

    private static Uni<Void> requireEditable(RolloutEntity r) {
        return r.status.isEditable()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom()
                        .failure(new ApiException(
                                RolloutError.ROLLOUT_FINAL,
                                "rollout " + r.id + " is " + r.status + " and can no longer change"));
    }

    private static Uni<Void> requireTransition(RolloutEntity r, RolloutStatus target) {
        if (r.status.canMoveTo(target)) {
            return Uni.createFrom().voidItem();
        }
        String allowed = r.status.next().isEmpty()
                ? "none: it is final"
                : r.status.next().stream().map(Enum::name).collect(Collectors.joining(", "));
        return Uni.createFrom()
                .failure(new ApiException(
                        RolloutError.ILLEGAL_TRANSITION,
                        "rollout " + r.id + " is " + r.status + " and cannot become " + target + " (allowed next: "
                                + allowed + ")"));
    }

    Uni<RolloutEntity> require(String id) {
        return rollouts.findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(RolloutError.ROLLOUT_NOT_FOUND, "no rollout " + id));
    }

    private static ApiException conflict(RolloutEntity r, String activeId) {
        return new ApiException(
                RolloutError.ROLLOUT_CONFLICT,
                "rollout " + activeId + " is already active on " + r.family + "/" + r.channel.wireName()
                        + "; complete, roll back or wait for it first");
    }

    private static List<String> versions(String baseline, List<Variant> variants) {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(baseline), variants.stream().map(Variant::version))
                .toList();
    }

    private static Channel parseChannel(String channel) {
        try {
            return Channel.parse(channel);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "channel must be stable, beta or internal");
        }
    }

    private static RolloutStatus parseStatus(String status) {
        try {
            return RolloutStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    CommonError.INVALID_PARAMETER,
                    "status must be one of " + java.util.Arrays.toString(RolloutStatus.values()));
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
