package dev.otter.rollout.audit.repository;

import dev.otter.rollout.audit.AuditAction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One operator (or automatic) change: who, when, what, and the object before and after as JSON. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditAction action;

    @Column(name = "rollout_id")
    public String rolloutId;

    public String family;

    public String channel;

    /** The changed object before the change, as StoredJson text; null for a creation. */
    public String before;

    /** The object after the change, as StoredJson text. */
    public String after;

    public String detail;
}
