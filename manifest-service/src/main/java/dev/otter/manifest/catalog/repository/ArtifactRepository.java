package dev.otter.manifest.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Artifacts of versions. */
@ApplicationScoped
public class ArtifactRepository implements PanacheRepository<ModelArtifactEntity> {

    public Uni<List<ModelArtifactEntity>> listByVersions(List<Long> versionIds) {
        return versionIds.isEmpty()
                ? Uni.createFrom().item(List.of())
                : list("versionId in ?1 order by id", versionIds);
    }

    public Uni<Boolean> existsForVersion(long versionId) {
        return count("versionId", versionId).map(n -> n > 0);
    }

    public Uni<Boolean> existsForTier(long versionId, String tier) {
        return count("versionId = ?1 and tier = ?2", versionId, tier).map(n -> n > 0);
    }
}
