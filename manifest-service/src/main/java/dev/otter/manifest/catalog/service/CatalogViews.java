package dev.otter.manifest.catalog.service;

import dev.otter.manifest.catalog.api.ArtifactView;
import dev.otter.manifest.catalog.api.EngineRangeDto;
import dev.otter.manifest.catalog.api.FamilyView;
import dev.otter.manifest.catalog.api.HistoryEntry;
import dev.otter.manifest.catalog.api.PlatformDto;
import dev.otter.manifest.catalog.api.RequirementsDto;
import dev.otter.manifest.catalog.api.VersionView;
import dev.otter.manifest.catalog.repository.ModelArtifactEntity;
import dev.otter.manifest.catalog.repository.ModelFamilyEntity;
import dev.otter.manifest.catalog.repository.ModelVersionEntity;
import dev.otter.manifest.catalog.repository.VersionEventEntity;
import dev.otter.manifest.catalog.snapshot.PlatformRequirement;
import java.util.List;

/** Turns catalog entities into the records the API speaks; entities never leave the service. */
final class CatalogViews {
    private CatalogViews() {}

    static FamilyView family(ModelFamilyEntity f, long versions) {
        return new FamilyView(
                f.name,
                f.displayName,
                f.description,
                f.createdAt,
                f.createdBy,
                versions,
                f.legacyKeyless,
                f.kind.wireName());
    }

    static VersionView version(
            String family, ModelVersionEntity v, List<ModelArtifactEntity> artifacts, List<VersionEventEntity> events) {
        return new VersionView(
                family,
                v.version,
                v.status.name(),
                v.channel.wireName(),
                v.releaseNotes,
                v.changeSummary,
                v.urgent,
                v.urgentReason,
                v.statusReason,
                v.createdAt,
                v.createdBy,
                v.publishedAt,
                v.publishedBy,
                artifacts.stream().map(CatalogViews::artifact).toList(),
                events.stream().map(CatalogViews::history).toList(),
                v.engineFamily == null ? null : new EngineRangeDto(v.engineFamily, v.engineMin, v.engineMax),
                v.modelInterface);
    }

    static ArtifactView artifact(ModelArtifactEntity a) {
        List<PlatformDto> platforms = a.platforms.stream()
                .map(PlatformRequirement::decode)
                .map(p -> new PlatformDto(
                        p.platform(),
                        p.minOsVersion() == null ? null : p.minOsVersion().toString()))
                .toList();
        RequirementsDto requirements = new RequirementsDto(
                a.minAppVersion,
                a.minRuntimeVersion,
                a.maxRuntimeVersion,
                a.minRamMb,
                a.minFreeStorageMb,
                a.accelerator,
                platforms,
                a.deviceModelDeny);
        return new ArtifactView(
                a.tier,
                a.urls,
                a.sizeBytes,
                a.sha256,
                a.format,
                a.quantization,
                a.releaseNotes,
                requirements,
                a.createdAt,
                a.ggufVersion,
                a.architecture,
                a.tensorCount,
                a.adaptsInterface);
    }

    static HistoryEntry history(VersionEventEntity e) {
        return new HistoryEntry(
                e.at,
                e.actor,
                e.action,
                e.fromStatus == null ? null : e.fromStatus.name(),
                e.toStatus == null ? null : e.toStatus.name(),
                e.detail);
    }
}
