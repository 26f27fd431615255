package dev.otter.rollout.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.Identifiers;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.contract.rollout.Variant;
import dev.otter.rollout.audit.AuditAction;
import dev.otter.rollout.rollout.RolloutError;
import dev.otter.rollout.rollout.RolloutStatus;
import dev.otter.rollout.rollout.Stage;
import dev.otter.rollout.rollout.api.AdvanceRequest;
import dev.otter.rollout.rollout.api.CreateRolloutRequest;
import dev.otter.rollout.rollout.api.RolloutView;
import dev.otter.rollout.rollout.api.StagesRequest;
import dev.otter.rollout.rollout.client.CatalogCheck;
import dev.otter.rollout.rollout.messaging.SnapshotPublisher;
import dev.otter.rollout.rollout.repository.RolloutEntity;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.Problem;
import dev.otter.support.persistence.SqlFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.security.SecureRandom;
import java.time.Instant;
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

    private final RolloutWrites writes;
    private final ChannelDefaultWrites defaults;
    private final CatalogCheck catalog;
    private final SnapshotPublisher publisher;

    public RolloutService(
            RolloutWrites writes, ChannelDefaultWrites defaults, CatalogCheck catalog, SnapshotPublisher publisher) {
        this.writes = writes;
        this.defaults = defaults;
        this.catalog = catalog;
        this.publisher = publisher;
    }

    public Uni<RolloutView> create(CreateRolloutRequest request, String actor) {
        RolloutDefinitions.Definition d = RolloutDefinitions.definition(request);
        return catalog.requireReleasable(d.family(), d.channel(), versions(d.baselineVersion(), d.variants()))
                .chain(() -> {
                    RolloutEntity r = new RolloutEntity();
                    Instant now = RolloutWrites.now();
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
                    r.watchIntervalSeconds = (int) d.watchInterval().toSeconds();
                    r.createdAt = now;
                    r.createdBy = actor;
                    r.updatedAt = now;
                    return writes.create(r, actor);
                })
                .map(RolloutViews::rollout);
    }

    public Uni<List<RolloutView>> list(String family, String channel, String status) {
        Channel c = channel == null ? null : parseChannel(channel);
        RolloutStatus s = status == null ? null : parseStatus(status);
        return writes.search(family, c, s)
                .map(all -> all.stream().map(RolloutViews::rollout).toList());
    }

    public Uni<RolloutView> get(String id) {
        return writes.get(id).map(RolloutViews::rollout);
    }

    public Uni<RolloutView> replaceRules(String id, CohortRules rules, String actor) {
        CohortRules valid = RolloutDefinitions.rules(rules, "rules");
        return change(id, actor, AuditAction.EDIT_RULES, null, r -> requireEditable(r)
                .chain(() -> writes.requireGroups(valid))
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
        GuardSettings guard = request.guard() == null ? null : RolloutDefinitions.guard(request.guard());
        return change(id, actor, AuditAction.EDIT_STAGES, null, r -> requireEditable(r)
                .invoke(() -> {
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
                .chain(() -> change(id, actor, AuditAction.START, null, r -> requireTransition(r, RolloutStatus.RUNNING)
                        .chain(() -> writes.findActive(r.family, r.channel))
                        .invoke(active -> {
                            if (active != null) {
                                throw conflict(r, active.id);
                            }
                            Instant now = RolloutWrites.now();
                            r.status = RolloutStatus.RUNNING;
                            r.startedAt = now;
                            r.currentStage = 0;
                            r.percentageBasisPoints = r.stages.get(0).percentageBasisPoints();
                            r.stageStartedAt = now;
                        })
                        .chain(() -> defaults.anchor(r, actor))));
    }

    public Uni<RolloutView> pause(String id, String reason, String actor) {
        return change(id, actor, AuditAction.PAUSE, reason, r -> requireTransition(r, RolloutStatus.PAUSED)
                .invoke(() -> r.status = RolloutStatus.PAUSED));
    }

    public Uni<RolloutView> resume(String id, String reason, String actor) {
        return checkCatalog(id)
                .chain(() ->
                        change(id, actor, AuditAction.RESUME, reason, r -> requireTransition(r, RolloutStatus.RUNNING)
                                .invoke(() -> r.status = RolloutStatus.RUNNING)));
    }

    public Uni<RolloutView> advance(String id, AdvanceRequest request, String actor) {
        boolean force = request != null && request.force();
        String reason = request == null ? null : request.reason();
        return change(id, actor, force ? AuditAction.ADVANCE_FORCED : AuditAction.ADVANCE, reason, r -> {
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
            r.stageStartedAt = RolloutWrites.now();
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Takes one segment out of an active rollout because the guard found the breach confined to it:
     * it joins the excluded segments (its devices leave the cohort; those on a variant go back to the
     * baseline), a region also the rules' {@code regions_exclude} (the one dimension those rules can
     * exclude); {@code detail} (the evidence) goes to the audit entry.
     */
    public Uni<RolloutView> excludeSegment(
            String id, SegmentDimension dimension, String value, String reason, String actor, String detail) {
        String normalised = dimension.normalise(value);
        return change(id, actor, AuditAction.EXCLUDE_SEGMENT, detail, r -> {
            if (!r.status.isActive()) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                RolloutError.ILLEGAL_TRANSITION,
                                "a segment of a " + r.status + " rollout cannot be excluded"));
            }
            if (r.excludedSegments.stream()
                    .anyMatch(x -> x.dimension() == dimension && x.value().equals(normalised))) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                RolloutError.ILLEGAL_TRANSITION,
                                dimension.name().toLowerCase(java.util.Locale.ROOT) + " " + normalised
                                        + " is already excluded"));
            }
            if (dimension == SegmentDimension.REGION) {
                r.rules = withRegionExcluded(r.rules, normalised);
            }
            List<ExcludedSegment> excluded = new java.util.ArrayList<>(r.excludedSegments);
            excluded.add(new ExcludedSegment(dimension, normalised, reason, RolloutWrites.now()));
            r.excludedSegments = excluded;
            return Uni.createFrom().voidItem();
        });
    }

    private static CohortRules withRegionExcluded(CohortRules rules, String region) {
        List<String> regions = new java.util.ArrayList<>(rules.regionsExclude());
        regions.add(region);
        return new CohortRules(
                rules.regionsInclude(),
                regions,
                rules.appVersion(),
                rules.runtimeVersion(),
                rules.platforms(),
                rules.deviceModelsAllow(),
                rules.deviceModelsDeny(),
                rules.minRamMb(),
                rules.testerGroups());
    }

    public Uni<RolloutView> setPercentage(String id, java.math.BigDecimal percentage, String actor) {
        int bp = RolloutDefinitions.basisPoints(percentage, "percentage");
        return change(id, actor, AuditAction.SET_PERCENTAGE, RolloutDefinitions.percentage(bp) + "%", r -> {
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
        return change(id, actor, AuditAction.ROLLBACK, detail, r -> requireTransition(r, RolloutStatus.ROLLED_BACK)
                .invoke(() -> {
                    r.status = RolloutStatus.ROLLED_BACK;
                    r.endedAt = RolloutWrites.now();
                    r.endReason = reason;
                })
                .chain(() -> defaults.resetAfterRollback(r, actor)));
    }

    public Uni<RolloutView> complete(String id, String variantName, String actor) {
        return get(id).chain(view -> {
            Variant winner = winner(view.variants(), variantName);
            return catalog.requireReleasable(view.family(), Channel.parse(view.channel()), List.of(winner.version()))
                    .chain(() -> change(id, actor, AuditAction.COMPLETE, winner.name(), r -> requireTransition(
                                    r, RolloutStatus.COMPLETED)
                            .chain(() -> defaults.set(
                                    r.family,
                                    r.channel,
                                    winner.version(),
                                    actor,
                                    "completed rollout " + r.id,
                                    new ReleaseWatchWrites.Watch(ReleaseWatch.Cause.COMPLETED, r.guard)))
                            .invoke(() -> {
                                r.status = RolloutStatus.COMPLETED;
                                r.winner = winner.name();
                                r.endedAt = RolloutWrites.now();
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
     * Applies {@code mutation} in one transaction with its audit entry ({@link RolloutWrites#change}),
     * turns concurrent changes into 409s, and publishes the family's state once committed.
     */
    private Uni<RolloutView> change(
            String id, String actor, AuditAction action, String detail, Function<RolloutEntity, Uni<?>> mutation) {
        return writes.change(id, actor, action, detail, mutation)
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
            throw new ApiException(CommonError.INVALID_PARAMETER, "channel " + Identifiers.CHANNEL_MESSAGE);
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
}
