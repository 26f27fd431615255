package dev.otter.rollout.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The audit trail, append-only. */
@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditEntryEntity> {

    /** Newest first, optionally for one rollout and/or family. */
    public Uni<List<AuditEntryEntity>> search(String rolloutId, String family, int limit) {
        return find(
                        "(:rollout is null or rolloutId = :rollout) and (:family is null or family = :family) order by id desc",
                        Parameters.with("rollout", rolloutId).and("family", family))
                .page(Page.ofSize(limit))
                .list();
    }
}
