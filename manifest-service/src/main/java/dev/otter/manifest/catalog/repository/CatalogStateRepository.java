package dev.otter.manifest.catalog.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The catalog revision: bumped inside every transaction that changes what devices can see. */
@ApplicationScoped
public class CatalogStateRepository {

    /** Increments the revision in the current transaction and returns the new value. */
    public Uni<Long> bump() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "UPDATE catalog_state SET revision = revision + 1 WHERE id = 1 RETURNING revision", Long.class)
                .getSingleResult());
    }
}
