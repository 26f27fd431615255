package dev.otter.manifest.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The audit trail of family settings. */
@ApplicationScoped
public class FamilyEventRepository implements PanacheRepository<FamilyEventEntity> {
    public Uni<List<FamilyEventEntity>> listByFamily(long familyId) {
        return list("familyId = ?1 order by at, id", familyId);
    }
}
