package dev.otter.manifest.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The history of versions. */
@ApplicationScoped
public class VersionEventRepository implements PanacheRepository<VersionEventEntity> {

    public Uni<List<VersionEventEntity>> historyOf(List<Long> versionIds) {
        return versionIds.isEmpty()
                ? Uni.createFrom().item(List.of())
                : list("versionId in ?1 order by at, id", versionIds);
    }
}
