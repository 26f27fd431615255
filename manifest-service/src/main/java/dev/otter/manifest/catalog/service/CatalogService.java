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
import dev.otter.manifest.catalog.api.EngineRangeDto;
import dev.otter.manifest.catalog.api.FamilyEventView;
import dev.otter.manifest.catalog.api.FamilyView;
import dev.otter.manifest.catalog.api.LegacyAccessRequest;
import dev.otter.manifest.catalog.api.VersionView;
import dev.otter.manifest.catalog.patch.service.PatchPlanner;
import dev.otter.manifest.catalog.snapshot.CatalogRefresher;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.Problem;
import dev.otter.support.persistence.SqlFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The catalog's write side and its queries. Each change runs in one transaction ({@link
 * CatalogWrites}); once a change devices can see has committed, this instance reloads its copy and
 * announces the revision to the other manifest-services, and a publish plans its delta patches.
 */
@ApplicationScoped
public class CatalogService {
    private final CatalogWrites writes;
    private final CatalogRefresher refresher;
    private final ArtifactSources sources;
    private final PatchPlanner patchPlanner;
    private final FamilySettings settings;

    public CatalogService(
            CatalogWrites writes,
            CatalogRefresher refresher,
            ArtifactSources sources,
            PatchPlanner patchPlanner,
            FamilySettings settings) {
        this.settings = settings;
        this.writes = writes;
        this.refresher = refresher;
        this.sources = sources;
        this.patchPlanner = patchPlanner;
    }

    public Uni<FamilyView> createFamily(CreateFamilyRequest request, String actor) {
        return committed(writes.createFamily(request, actor))
                .onFailure(SqlFailures::isUniqueViolation)
                .transform(e -> CatalogWrites.familyExists(request.name()));
    }

    /** Lets the family's legacy endpoints answer clients without an app key, or stops it (audited). */
    public Uni<FamilyView> legacyAccess(String family, LegacyAccessRequest request, String actor) {
        return committed(settings.legacyAccess(family, request.keyless(), request.reason(), actor));
    }

    /** Who changed the family's settings, when and why. */
    public Uni<List<FamilyEventView>> familyHistory(String family) {
        return settings.history(family);
    }

    public Uni<List<FamilyView>> listFamilies() {
        return writes.listFamilies();
    }

    public Uni<FamilyView> getFamily(String name) {
        return writes.getFamily(name);
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
        checkEngineRange(request.engine());
        return writes.createVersion(family, version, channel, request, actor)
                .onFailure(SqlFailures::isUniqueViolation)
                .transform(e -> CatalogWrites.versionExists(family, version));
    }

    public Uni<ArtifactView> addArtifact(String family, String version, AddArtifactRequest request, String actor) {
        SemVer parsed = parseVersion(version);
        return sources.resolve(request)
                .chain(resolved -> writes.addArtifact(family, parsed, resolved, actor))
                .chain(changed -> changed.revision() == 0
                        ? Uni.createFrom().item(changed.value())
                        : committed(Uni.createFrom().item(changed)))
                .onFailure(SqlFailures::isUniqueViolation)
                .transform(e -> CatalogWrites.artifactExists(family, parsed, request.tier()));
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
        Uni<VersionView> changed = committed(writes.transition(family, parsed, target, reason, actor));
        // Publishing plans the delta patches from its predecessors (made in the background).
        return target == VersionStatus.PUBLISHED
                ? changed.call(view -> patchPlanner.planFor(view.family(), view.version()))
                : changed;
    }

    public Uni<List<VersionView>> listVersions(String family) {
        return writes.listVersions(family);
    }

    public Uni<VersionView> getVersion(String family, String version) {
        return writes.getVersion(family, parseVersion(version));
    }

    /** After a committed change devices can see: reload this instance and announce the revision. */
    private <T> Uni<T> committed(Uni<CatalogWrites.Changed<T>> change) {
        return change.call(changed -> refresher.reloadNow())
                .call(changed -> refresher.announce(changed.revision()))
                .map(CatalogWrites.Changed::value);
    }

    /** A version in a path: any valid SemVer. */
    private static SemVer parseVersion(String text) {
        try {
            return SemVer.parse(text);
        } catch (InvalidVersionException e) {
            throw new ApiException(CatalogError.INVALID_VERSION, e.getMessage());
        }
    }

    private static void checkEngineRange(EngineRangeDto engine) {
        if (engine == null) {
            return;
        }
        SemVer min = engine.minVersion() == null ? null : lenient(engine.minVersion(), "engine.min_version");
        SemVer max = engine.maxVersion() == null ? null : lenient(engine.maxVersion(), "engine.max_version");
        if (min != null && max != null && max.isOlderThan(min)) {
            throw new ApiException(
                    CatalogError.INVALID_VERSION, "engine.max_version: must not be older than min_version " + min);
        }
    }

    private static SemVer lenient(String text, String field) {
        try {
            return SemVer.parseLenient(text);
        } catch (InvalidVersionException e) {
            throw new ApiException(CatalogError.INVALID_VERSION, field + ": " + e.getMessage());
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
}
