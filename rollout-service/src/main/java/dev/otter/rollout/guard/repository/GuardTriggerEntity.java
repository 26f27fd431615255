package dev.otter.rollout.guard.repository;

import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.rollout.guard.GuardTriggerOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rollback (or revert) demand received from telemetry's guard, and what came of it. */
@Entity
@Table(name = "guard_trigger")
public class GuardTriggerEntity {
    @Id
    @Column(name = "trigger_id")
    public String triggerId;

    /** The rollout it demanded be rolled back, or null for a release watch's trigger. */
    @Column(name = "rollout_id")
    public String rolloutId;

    /** The release watch it demanded be reverted, or null for a rollout's trigger. */
    @Column(name = "watch_id")
    public String watchId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GuardTriggerOutcome outcome;

    @Column(nullable = false)
    public String detail;

    /** The evidence the trigger came with (null for triggers recorded before it was kept). */
    @JdbcTypeCode(SqlTypes.JSON)
    public GuardTrigger.Evidence evidence;
}
