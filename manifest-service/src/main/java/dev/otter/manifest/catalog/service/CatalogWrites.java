package dev.otter.manifest.catalog.service;

import dev.otter.contract.Channel;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.CatalogError;
import dev.otter.manifest.catalog.FamilyKind;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.api.AddArtifactRequest;
import dev.otter.manifest.catalog.api.ArtifactView;
import dev.otter.manifest.catalog.api.CreateFamilyRequest;
import dev.otter.manifest.catalog.api.CreateVersionRequest;
import dev.otter.manifest.catalog.api.FamilyView;
import dev.otter.manifest.catalog.api.VersionView;
import dev.otter.manifest.catalog.repository.ArtifactRepository;
import dev.otter.manifest.catalog.repository.CatalogStateRepository;
import dev.otter.manifest.catalog.repository.FamilyRepository;
import dev.otter.manifest.catalog.repository.ModelArtifactEntity;
import dev.otter.manifest.catalog.repository.ModelFamilyEntity;
import dev.otter.manifest.catalog.repository.ModelVersionEntity;
import dev.otter.manifest.catalog.repository.VersionEventEntity;
import dev.otter.manifest.catalog.repository.VersionEventRepository;
import dev.otter.manifest.catalog.repository.VersionRepository;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The transactions and queries of {@link CatalogService}. Changes devices can see bump the catalog
 * revision in their transaction and report it ({@link Changed}), so that the service can reload and
 * announce it once they have committed.
 */
@ApplicationScoped
public class CatalogWrites {
    private final FamilyRepository families;
    private final VersionRepository versions;
    private final ArtifactRepository artifacts;
    private final VersionEventRepository events;
    private final CatalogStateRepository state;

    public CatalogWrites(
            FamilyRepository families,
            VersionRepository versions,
            ArtifactRepository artifacts,
            VersionEventRepository events,
            CatalogStateRepository state) {
        this.families = families;
        this.versions = versions;
        this.artifacts = artifacts;
        this.events = events;
        this.state = state;
    }

    /** A result and the catalog revision its transaction produced. */
    public record Changed<T>(T value, long revision) {}

    @WithTransaction
    public Uni<Changed<FamilyView>> createFamily(CreateFamilyRequest request, String actor) {
        return families.findByName(request.name())
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
                    f.kind = FamilyKind.parse(request.kind());
                    return families.persist(f);
                })
                .chain(f -> state.bump().map(rev -> new Changed<>(CatalogViews.family(f, 0), rev)));
    }

    @WithSession
    public Uni<List<FamilyView>> listFamilies() {
        return families.listByName().chain(all -> versions.countByFamily().map(counts -> all.stream()
                .map(f -> CatalogViews.family(f, counts.getOrDefault(f.id, 0L)))
                .toList()));
    }

    @WithSession
    public Uni<FamilyView> getFamily(String name) {
        return requireFamily(name).chain(f -> versions.listByFamily(f.id).map(vs -> CatalogViews.family(f, vs.size())));
    }

    @WithTransaction
    public Uni<VersionView> createVersion(
            String family, SemVer version, Channel channel, CreateVersionRequest request, String actor) {
        return requireFamily(family)
                .call(f -> checkEngineAndInterface(f, request))
                .chain(f -> versions.findByFamilyAndVersion(f.id, version.toString())
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
                            if (request.engine() != null) {
                                v.engineFamily = request.engine().family();
                                v.engineMin = canonical(request.engine().minVersion());
                                v.engineMax = canonical(request.engine().maxVersion());
                            }
                            v.modelInterface = request.modelInterface();
                            return versions.persist(v);
                        })
                        .call(v ->
                                record(v, actor, "CREATED", null, VersionStatus.DRAFT, "channel " + channel.wireName()))
                        .chain(v -> view(family, v)));
    }

    /**
     * Adds a file to a DRAFT version, or an adapter to a version that is not retired; an adapter for a
     * version devices can see changes what they are offered, so it bumps the catalog revision
     * ({@code revision} is 0 when nothing devices see changed).
     */
    @WithTransaction
    public Uni<Changed<ArtifactView>> addArtifact(
            String family, SemVer parsed, ArtifactSources.Resolved resolved, String actor) {
        AddArtifactRequest request = resolved.request();
        boolean adapter = request.adaptsInterface() != null;
        return requireFamily(family)
                .chain(f -> requireVersion(family, parsed).invoke(v -> FamilyKindRules.checkArtifact(f, v, request)))
                .invoke(v -> {
                    boolean open = v.status.isEditable() || adapter && v.status != VersionStatus.RETIRED;
                    if (!open) {
                        throw new ApiException(
                                CatalogError.VERSION_IMMUTABLE,
                                family + " " + parsed + " is " + v.status
                                        + "; only DRAFT versions take artifacts (adapters: any but RETIRED)");
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
                    a.adaptsInterface = request.adaptsInterface();
                    String detail = adapter ? "adapter " + a.tier + " for " + a.adaptsInterface : "tier " + a.tier;
                    Uni<Long> revision =
                            v.status.isEditable() ? Uni.createFrom().item(0L) : state.bump();
                    return artifacts
                            .persist(a)
                            .call(() ->
                                    record(v, actor, adapter ? "ADAPTER_ADDED" : "ARTIFACT_ADDED", null, null, detail))
                            .chain(saved -> revision.map(rev -> new Changed<>(CatalogViews.artifact(saved), rev)));
                });
    }

    /** Moves a version along its lifecycle; see {@link VersionStatus} for the allowed transitions. */
    @WithTransaction
    public Uni<Changed<VersionView>> transition(
            String family, SemVer parsed, VersionStatus target, String reason, String actor) {
        return requireVersion(family, parsed)
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
                });
    }

    @WithSession
    public Uni<List<VersionView>> listVersions(String family) {
        return requireFamily(family).chain(f -> versions.listByFamily(f.id)).chain(vs -> views(family, vs));
    }

    @WithSession
    public Uni<VersionView> getVersion(String family, SemVer version) {
        return requireVersion(family, version).chain(v -> view(family, v));
    }

    // ---- helpers

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

    // An engine version names no engine and no interface; a model version's engine is an ENGINE family.
    private Uni<Void> checkEngineAndInterface(ModelFamilyEntity f, CreateVersionRequest request) {
        if (f.kind == FamilyKind.ENGINE) {
            FamilyKindRules.checkEngineVersion(f, request);
            return Uni.createFrom().voidItem();
        }
        if (request.engine() == null) {
            return Uni.createFrom().voidItem();
        }
        return families.findByName(request.engine().family())
                .invoke(engine ->
                        FamilyKindRules.checkEngineReference(request.engine().family(), engine))
                .replaceWithVoid();
    }

    private static String canonical(String version) {
        return version == null ? null : SemVer.parseLenient(version).toString();
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
        return requireFamily(families, name);
    }

    /** The family of that name, or FAMILY_NOT_FOUND. */
    static Uni<ModelFamilyEntity> requireFamily(FamilyRepository families, String name) {
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

    static ApiException familyExists(String name) {
        return new ApiException(CatalogError.FAMILY_EXISTS, "model family '" + name + "' exists already");
    }

    static ApiException versionExists(String family, SemVer version) {
        return new ApiException(
                CatalogError.VERSION_EXISTS, family + " " + version + " exists already; versions are never reused");
    }

    static ApiException artifactExists(String family, SemVer version, String tier) {
        return new ApiException(
                CatalogError.ARTIFACT_EXISTS, family + " " + version + " has a " + tier + " artifact already");
    }

    // PostgreSQL keeps microseconds; truncating keeps what we return equal to what we store.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
