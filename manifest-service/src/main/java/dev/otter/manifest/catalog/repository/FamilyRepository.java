package dev.otter.manifest.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Model families. */
@ApplicationScoped
public class FamilyRepository implements PanacheRepository<ModelFamilyEntity> {

    public Uni<ModelFamilyEntity> findByName(String name) {
        return find("name", name).firstResult();
    }

    public Uni<List<ModelFamilyEntity>> listByName() {
        return list("order by name");
    }
}
