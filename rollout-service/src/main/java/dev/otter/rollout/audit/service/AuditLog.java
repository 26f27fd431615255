package dev.otter.rollout.audit.service;

import dev.otter.rollout.audit.AuditAction;
import dev.otter.rollout.audit.repository.AuditEntryEntity;
import dev.otter.rollout.audit.repository.AuditRepository;
import dev.otter.support.persistence.StoredJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Appends to the audit trail inside the caller's transaction: the change and its record commit together. */
@ApplicationScoped
public class AuditLog {
    private final AuditRepository audit;

    public AuditLog(AuditRepository audit) {
        this.audit = audit;
    }

    /** Records who did what to which object; {@code before}/{@code after} are stored as JSON (null: none). */
    public Uni<AuditEntryEntity> record(
            String actor,
            AuditAction action,
            String rolloutId,
            String family,
            String channel,
            Object before,
            Object after,
            String detail) {
        AuditEntryEntity e = new AuditEntryEntity();
        e.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        e.actor = actor;
        e.action = action;
        e.rolloutId = rolloutId;
        e.family = family;
        e.channel = channel;
        e.before = before == null ? null : StoredJson.write(before);
        e.after = after == null ? null : StoredJson.write(after);
        e.detail = detail;
        return audit.persist(e);
    }
}
