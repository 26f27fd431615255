package dev.otter.rollout.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A rollback demand received from telemetry's guard, and what came of it. */
@Entity
@Table(name = "guard_trigger")
public class GuardTriggerEntity {
    /** Applied: this trigger rolled the rollout back. */
    public static final String APPLIED = "APPLIED";

    /** Ignored: the rollout was no longer active (already rolled back, completed, or unknown). */
    public static final String IGNORED = "IGNORED";

    @Id
    @Column(name = "trigger_id")
    public String triggerId;

    @Column(name = "rollout_id", nullable = false)
    public String rolloutId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public String detail;
}
