package dev.otter.manifest.catalog.patch.service;

import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.catalog.patch.api.PatchView;
import dev.otter.manifest.catalog.patch.repository.PatchJob;
import dev.otter.manifest.catalog.patch.repository.PatchRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The delta patches to a version, as operators see them. */
@ApplicationScoped
public class PatchService {
    private final PatchRepository patches;

    public PatchService(PatchRepository patches) {
        this.patches = patches;
    }

    public Uni<List<PatchView>> forVersion(String family, String version) {
        return patches.forVersion(family, version)
                .map(jobs -> jobs.stream().map(PatchService::view).toList());
    }

    private static PatchView view(PatchJob j) {
        boolean made = j.patchSha256() != null;
        return new PatchView(
                j.tier(),
                j.fromVersion(),
                j.toVersion(),
                j.baseSha256(),
                j.targetSha256(),
                j.status(),
                j.targetBytes() == 0 ? 1.0 : Math.min(1.0, (double) j.progressBytes() / j.targetBytes()),
                j.patchBytes(),
                j.patchSha256(),
                made && j.targetBytes() > 0 ? (double) j.patchBytes() / j.targetBytes() : null,
                made ? DownloadLinks.storeUrl(j.patchSha256()) : null,
                j.detail(),
                j.createdAt(),
                j.updatedAt());
    }
}
