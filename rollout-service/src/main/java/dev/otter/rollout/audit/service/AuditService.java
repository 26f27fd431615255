package dev.otter.rollout.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.rollout.audit.api.AuditEntryView;
import dev.otter.rollout.audit.repository.AuditEntryEntity;
import dev.otter.rollout.audit.repository.AuditRepository;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.persistence.StoredJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
    @WithSession
    public Uni<List<AuditEntryView>> search(String rolloutId, String family, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "limit must be 1-1000");
        }
        return audit.search(rolloutId, family, limit)
                .map(all -> all.stream().map(AuditService::view).toList());
    }

    private static AuditEntryView view(AuditEntryEntity e) {
        return new AuditEntryView(
                e.id,
                e.at,
                e.actor,
                e.action,
                e.rolloutId,
                e.family,
                e.channel,
                e.before == null ? null : StoredJson.read(e.before, JsonNode.class),
                e.after == null ? null : StoredJson.read(e.after, JsonNode.class),
                e.detail);
    }
}
