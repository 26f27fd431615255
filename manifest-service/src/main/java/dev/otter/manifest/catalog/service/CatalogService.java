package dev.otter.manifest.catalog.service;

import dev.otter.contract.Channel;
import dev.otter.contract.version.InvalidVersionException;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.CatalogError;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.api.AddArtifactRequest;
import dev.otter.manifest.catalog.api.ArtifactView;
import dev.otter.manifest.catalog.api.CreateFamilyRequest;
import dev.otter.manifest.catalog.api.CreateVersionRequest;
import dev.otter.manifest.catalog.api.FamilyView;
import dev.otter.manifest.catalog.api.VersionView;
import dev.otter.manifest.catalog.patch.service.PatchPlanner;
import dev.otter.manifest.catalog.repository.ArtifactRepository;
import dev.otter.manifest.catalog.repository.CatalogStateRepository;
import dev.otter.manifest.catalog.repository.FamilyRepository;
import dev.otter.manifest.catalog.repository.ModelArtifactEntity;
import dev.otter.manifest.catalog.repository.ModelFamilyEntity;
import dev.otter.manifest.catalog.repository.ModelVersionEntity;
import dev.otter.manifest.catalog.repository.VersionEventEntity;
import dev.otter.manifest.catalog.repository.VersionEventRepository;
import dev.otter.manifest.catalog.repository.VersionRepository;
import dev.otter.manifest.catalog.snapshot.CatalogRefresher;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.Problem;
import dev.otter.support.persistence.SqlFailures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The catalog's write side and its queries. Each change runs in one transaction; changes devices
 * can see bump the catalog revision in that transaction and, after commit, reload this instance's
 * copy and announce the revision to the other manifest-services.
 */
@ApplicationScoped
public class CatalogService {
    private final FamilyRepository families;
    private final VersionRepository versions;
    private final ArtifactRepository artifacts;
    private final VersionEventRepository events;
    private final CatalogStateRepository state;
    private final CatalogRefresher refresher;
    private final ArtifactSources sources;
    private final PatchPlanner patchPlanner;

    public CatalogService(
            FamilyRepository families,
            VersionRepository versions,
            ArtifactRepository artifacts,
            VersionEventRepository events,
            CatalogStateRepository state,
            CatalogRefresher refresher,
            ArtifactSources sources,
            PatchPlanner patchPlanner) {
        this.sources = sources;
        this.patchPlanner = patchPlanner;
        this.families = families;
        this.versions = versions;
        this.artifacts = artifacts;
        this.events = events;
        this.state = state;
        this.refresher = refresher;
    }

    /** A result and the catalog revision its transaction produced (0: nothing devices can see changed). */
    private record Changed<T>(T value, long revision) {}

    public Uni<FamilyView> createFamily(CreateFamilyRequest request, String actor) {
        return this.<FamilyView>changing(() -> families.findByName(request.name())
                        .onItem()
                        .ifNotNull()
                        .failWith(() -> familyExists(request.name()))
                        .chain(() -> {
                            ModelFamilyEntity f = new ModelFamilyEntity();
                            f.name = request.name();
                            f.displayName = request.displayName();
                            f.description = request.description();
                            f.createdAt = now();
                            f.createdBy = actor;
                            return families.persist(f);
                        })
                        .chain(f -> state.bump().map(rev -> new Changed<>(CatalogViews.family(f, 0), rev))))
                .onFailure(SqlFailures::isUniqueViolation)
                .transform(e -> familyExists(request.name()));
    }

    public Uni<List<FamilyView>> listFamilies() {
        return Panache.withSession(() -> families.listByName()
                .chain(all -> versions.countByFamily().map(counts -> all.stream()
                        .map(f -> CatalogViews.family(f, counts.getOrDefault(f.id, 0L)))
                        .toList())));
    }

    public Uni<FamilyView> getFamily(String name) {
        return Panache.withSession(() -> requireFamily(name)
                .chain(f -> versions.listByFamily(f.id).map(vs -> CatalogViews.family(f, vs.size()))));
    }

    public Uni<VersionView> createVersion(String family, CreateVersionRequest request, String actor) {
        SemVer version = parseNewVersion(request.version());
        Channel channel = request.channel() == null ? Channel.STABLE : Channel.parse(request.channel());
        if (request.urgent()
                && (request.urgentReason() == null || request.urgentReason().isBlank())) {
            throw new ApiException(
                    CommonError.VALIDATION_FAILED,
                    "urgent_reason: an urgent version must say why; devices show it to the user",
                    List.of(new Problem.FieldError("urgent_reason", "required when urgent is true")));
        }
        return Panache.withTransaction(() -> requireFamily(family).chain(f -> versions.findByFamilyAndVersion(
                                f.id, version.toString())
                        .onItem()
                        .ifNotNull()
                        .failWith(() -> versionExists(family, version))
                        .chain(() -> {
                            ModelVersionEntity v = new ModelVersionEntity();
                            v.familyId = f.id;
                            v.version = version.toString();
                            v.status = VersionStatus.DRAFT;
                            v.channel = channel;
                            v.releaseNotes = request.releaseNotes();
                            v.changeSummary = request.changeSummary();
                            v.urgent = request.urgent();
                            v.urgentReason = request.urgent() ? request.urgentReason() : null;
                            v.createdAt = now();
                            v.createdBy = actor;
                            return versions.persist(v);
                        })
                        .call(v ->
                                record(v, actor, "CREATED", null, VersionStatus.DRAFT, "channel " + channel.wireName()))
                        .chain(v -> view(family, v))))
                .onFailure(SqlFailures::isUniqueViolation)
                .transform(e -> versionExists(family, version));
    }

    public Uni<ArtifactView> addArtifact(String family, String version, AddArtifactRequest request, String actor) {
        SemVer parsed = parseVersion(version);
        return sources.resolve(request).chain(resolved -> addArtifact(family, parsed, resolved, actor));
    }

    private Uni<ArtifactView> addArtifact(
            String family, SemVer parsed, ArtifactSources.Resolved resolved, String actor) {
        AddArtifactRequest request = resolved.request();
        return Panache.withTransaction(() -> requireVersion(family, parsed)
                        .invoke(v -> {
                            if (!v.status.isEditable()) {
                                throw new ApiException(
                                        CatalogError.VERSION_IMMUTABLE,
                                        family + " " + parsed + " is " + v.status
                                                + "; only DRAFT versions take artifacts");
                            }
                        })
                        .call(v -> artifacts.existsForTier(v.id, request.tier()).invoke(exists -> {
                            if (exists) {
                                throw artifactExists(family, parsed, request.tier());
                            }
                        }))
                        .chain(v -> {
                            ModelArtifactEntity a = ArtifactRequirements.toEntity(v.id, request, now());
                            if (resolved.stored() != null) {
                                a.ggufVersion = resolved.stored().ggufVersion();
                                a.architecture = resolved.stored().architecture();
                                a.tensorCount = resolved.stored().tensorCount();
                            }
                            return artifacts
                                    .persist(a)
                                    .call(() -> record(v, actor, "ARTIFACT_ADDED", null, null, "tier " + a.tier));
                        })
                        .map(CatalogViews::artifact))
                .onFailure(SqlFailures::isUniqueViolation)
                .transform(e -> artifactExists(family, parsed, request.tier()));
    }

    /** Moves a version along its lifecycle; see {@link VersionStatus} for the allowed transitions. */
    public Uni<VersionView> transition(
            String family, String version, VersionStatus target, String reason, String actor) {
        SemVer parsed = parseVersion(version);
        if (target == VersionStatus.RETIRED && (reason == null || reason.isBlank())) {
            throw new ApiException(
                    CommonError.VALIDATION_FAILED,
                    "reason: retiring a version needs a reason; devices on it are told",
                    List.of(new Problem.FieldError("reason", "required to retire")));
        }
        Uni<VersionView> changed = this.<VersionView>changing(() -> requireVersion(family, parsed)
                .call(v -> checkTransition(family, v, target))
                .chain(v -> {
                    VersionStatus from = v.status;
                    v.status = target;
                    if (target == VersionStatus.PUBLISHED) {
                        v.publishedAt = now();
                        v.publishedBy = actor;
                    } else {
                        v.statusReason = reason;
                    }
                    return record(v, actor, target.name(), from, target, reason)
                            .chain(() -> state.bump())
                            .chain(rev -> view(family, v).map(view -> new Changed<>(view, rev)));
                }));
        // Publishing plans the delta patches from its predecessors (made in the background).
        return target == VersionStatus.PUBLISHED
                ? changed.call(view -> patchPlanner.planFor(view.family(), view.version()))
                : changed;
    }

    public Uni<List<VersionView>> listVersions(String family) {
        return Panache.withSession(() ->
                requireFamily(family).chain(f -> versions.listByFamily(f.id)).chain(vs -> views(family, vs)));
    }

    public Uni<VersionView> getVersion(String family, String version) {
        SemVer parsed = parseVersion(version);
        return Panache.withSession(() -> requireVersion(family, parsed).chain(v -> view(family, v)));
    }

    // ---- helpers

    /** Runs a write that devices can see, then reloads this instance and announces the revision. */
    private <T> Uni<T> changing(java.util.function.Supplier<Uni<Changed<T>>> work) {
        return Panache.withTransaction(work)
                .call(changed -> refresher.reloadNow())
                .call(changed -> refresher.announce(changed.revision()))
                .map(Changed::value);
    }

    private Uni<Void> checkTransition(String family, ModelVersionEntity v, VersionStatus target) {
        if (!v.status.canMoveTo(target)) {
            String allowed = v.status.next().isEmpty()
                    ? "none"
                    : v.status.next().stream().map(Enum::name).collect(Collectors.joining(", "));
            return Uni.createFrom()
                    .failure(new ApiException(
                            CatalogError.ILLEGAL_TRANSITION,
                            family + " " + v.version + " is " + v.status + " and cannot become " + target
                                    + " (allowed next: " + allowed + ")"));
        }
        if (target != VersionStatus.PUBLISHED) {
            return Uni.createFrom().voidItem();
        }
        return artifacts
                .existsForVersion(v.id)
                .invoke(exists -> {
                    if (!exists) {
                        throw new ApiException(
                                CatalogError.NO_ARTIFACT,
                                family + " " + v.version + " has no artifact; add one before publishing");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<VersionView> view(String family, ModelVersionEntity v) {
        return views(family, List.of(v)).map(list -> list.get(0));
    }

    private Uni<List<VersionView>> views(String family, List<ModelVersionEntity> vs) {
        List<Long> ids = vs.stream().map(v -> v.id).toList();
        return artifacts.listByVersions(ids).chain(arts -> events.historyOf(ids).map(evs -> {
            Map<Long, List<ModelArtifactEntity>> artsByVersion =
                    arts.stream().collect(Collectors.groupingBy(a -> a.versionId));
            Map<Long, List<VersionEventEntity>> eventsByVersion =
                    evs.stream().collect(Collectors.groupingBy(e -> e.versionId));
            return vs.stream()
                    .sorted(Comparator.comparing((ModelVersionEntity v) -> SemVer.parse(v.version))
                            .reversed())
                    .map(v -> CatalogViews.version(
                            family,
                            v,
                            artsByVersion.getOrDefault(v.id, List.of()),
                            eventsByVersion.getOrDefault(v.id, List.of())))
                    .toList();
        }));
    }

    private Uni<VersionEventEntity> record(
            ModelVersionEntity v, String actor, String action, VersionStatus from, VersionStatus to, String detail) {
        VersionEventEntity e = new VersionEventEntity();
        e.versionId = v.id;
        e.at = now();
        e.actor = actor;
        e.action = action;
        e.fromStatus = from;
        e.toStatus = to;
        e.detail = detail;
        return events.persist(e);
    }

    private Uni<ModelFamilyEntity> requireFamily(String name) {
        return families.findByName(name)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(CatalogError.FAMILY_NOT_FOUND, "no model family '" + name + "'"));
    }

    private Uni<ModelVersionEntity> requireVersion(String family, SemVer version) {
        return requireFamily(family).chain(f -> versions.findByFamilyAndVersion(f.id, version.toString())
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(
                        CatalogError.VERSION_NOT_FOUND, "family '" + family + "' has no version " + version)));
    }

    /** A version in a path: any valid SemVer. */
    private static SemVer parseVersion(String text) {
        try {
            return SemVer.parse(text);
        } catch (InvalidVersionException e) {
            throw new ApiException(CatalogError.INVALID_VERSION, e.getMessage());
        }
    }

    /** A new version: valid SemVer without build metadata, which SemVer ignores for uniqueness. */
    private static SemVer parseNewVersion(String text) {
        SemVer v = parseVersion(text);
        if (!v.build().isEmpty()) {
            throw new ApiException(
                    CatalogError.INVALID_VERSION,
                    "'" + text + "' carries build metadata; versions must be unique by precedence, so use "
                            + "MAJOR.MINOR.PATCH[-PRERELEASE]");
        }
        return v;
    }

    private static ApiException familyExists(String name) {
        return new ApiException(CatalogError.FAMILY_EXISTS, "model family '" + name + "' exists already");
    }

    private static ApiException versionExists(String family, SemVer version) {
        return new ApiException(
                CatalogError.VERSION_EXISTS, family + " " + version + " exists already; versions are never reused");
    }

    private static ApiException artifactExists(String family, SemVer version, String tier) {
        return new ApiException(
                CatalogError.ARTIFACT_EXISTS, family + " " + version + " has a " + tier + " artifact already");
    }

    // PostgreSQL keeps microseconds; truncating keeps what we return equal to what we store.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
