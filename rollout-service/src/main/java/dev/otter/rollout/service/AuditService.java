package dev.otter.rollout.service;

import dev.otter.rollout.api.AuditEntryView;
import dev.otter.rollout.repository.AuditRepository;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads the audit trail. */
@ApplicationScoped
public class AuditService {
    private final AuditRepository audit;

    public AuditService(AuditRepository audit) {
        this.audit = audit;
    }

    /** Newest first; {@code limit} 1-1000. */
    public Uni<List<AuditEntryView>> search(String rolloutId, String family, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "limit must be 1-1000");
        }
        return Panache.withSession(() -> audit.search(rolloutId, family, limit))
                .map(all -> all.stream().map(RolloutViews::audit).toList());
    }
}
