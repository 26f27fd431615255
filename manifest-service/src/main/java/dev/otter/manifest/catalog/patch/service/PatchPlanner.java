package dev.otter.manifest.catalog.patch.service;

import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.patch.repository.PatchRepository;
import dev.otter.manifest.catalog.snapshot.ArtifactEntry;
import dev.otter.manifest.catalog.snapshot.CatalogCache;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.config.ManifestConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the patches for a newly published version: for each of its GGUF tiers held in Otter's store,
 * one patch from the same tier of each of its last N device-visible predecessors (published or
 * deprecated, not retired) that is also stored. The patch worker makes them.
 */
@ApplicationScoped
public class PatchPlanner {
    private final CatalogCache catalog;
    private final PatchRepository patches;
    private final int predecessors;

    public PatchPlanner(CatalogCache catalog, PatchRepository patches, ManifestConfig config) {
        this.catalog = catalog;
        this.patches = patches;
        this.predecessors = config.artifacts().patchPredecessors();
    }

    public Uni<Void> planFor(String familyName, String version) {
        Optional<FamilyCatalog> family = catalog.current().family(familyName);
        if (family.isEmpty() || predecessors <= 0) {
            return Uni.createFrom().voidItem();
        }
        List<VersionEntry> newestFirst = family.get().versionsNewestFirst();
        VersionEntry target = newestFirst.stream()
                .filter(v -> v.version().toString().equals(version))
                .findFirst()
                .orElse(null);
        if (target == null) {
            return Uni.createFrom().voidItem();
        }
        List<VersionEntry> bases = newestFirst.stream()
                .filter(v -> v.version().isOlderThan(target.version()))
                .filter(v -> v.status() == VersionStatus.PUBLISHED || v.status() == VersionStatus.DEPRECATED)
                .limit(predecessors)
                .toList();
        List<Uni<Void>> planned = new ArrayList<>();
        for (ArtifactEntry to : target.artifacts()) {
            if (!stored(to) || !"gguf".equals(to.format())) {
                continue; // the patch format is tensor-aware: GGUF models only (engine builds are downloaded whole)
            }
            for (VersionEntry base : bases) {
                base.artifact(to.tier())
                        .filter(PatchPlanner::stored)
                        .filter(from -> !from.sha256().equals(to.sha256()))
                        .ifPresent(from -> planned.add(patches.plan(
                                familyName,
                                to.tier(),
                                base.version().toString(),
                                version,
                                from.sha256(),
                                to.sha256(),
                                to.sizeBytes())));
            }
        }
        return planned.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(planned).andFailFast().replaceWithVoid();
    }

    private static boolean stored(ArtifactEntry a) {
        return a.url().startsWith(DownloadLinks.STORE_SCHEME);
    }
}
