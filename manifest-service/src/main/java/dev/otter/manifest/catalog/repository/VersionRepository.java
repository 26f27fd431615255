package dev.otter.manifest.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Model versions. */
@ApplicationScoped
public class VersionRepository implements PanacheRepository<ModelVersionEntity> {

    public Uni<ModelVersionEntity> findByFamilyAndVersion(long familyId, String version) {
        return find("familyId = ?1 and version = ?2", familyId, version).firstResult();
    }

    public Uni<List<ModelVersionEntity>> listByFamily(long familyId) {
        return list("familyId", familyId);
    }

    /** How many versions each family has, by family id. */
    public Uni<Map<Long, Long>> countByFamily() {
        return getSession()
                .chain(session -> session.createSelectionQuery(
                                "select v.familyId, count(v) from ModelVersionEntity v group by v.familyId",
                                Object[].class)
                        .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (Long) r[0], r -> (Long) r[1])));
    }
}
