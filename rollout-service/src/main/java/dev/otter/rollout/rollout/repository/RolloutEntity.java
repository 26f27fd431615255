package dev.otter.rollout.rollout.repository;

import dev.otter.contract.Channel;
import dev.otter.contract.rollout.CohortRules;
import dev.otter.contract.rollout.ExcludedSegment;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.Variant;
import dev.otter.rollout.rollout.RolloutStatus;
import dev.otter.rollout.rollout.Stage;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rollout row; {@code revision} guards against two operators changing it at once. */
@Entity
@Table(name = "rollout")
public class RolloutEntity {
    @Id
    public String id;

    @Column(nullable = false)
    public String family;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutStatus status;

    @Column(nullable = false)
    public String salt;

    @Column(name = "baseline_version", nullable = false)
    public String baselineVersion;

    @Convert(converter = JsonListConverter.Variants.class)
    @Column(nullable = false)
    public List<Variant> variants;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public CohortRules rules;

    @Convert(converter = JsonListConverter.Stages.class)
    @Column(nullable = false)
    public List<Stage> stages;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public GuardSettings guard;

    /** Advance by itself once the stage has baked and telemetry reports the guard healthy. */
    @Column(name = "auto_advance", nullable = false)
    public boolean autoAdvance;

    /** How soon devices the rollout watches check again while it is active. */
    @Column(name = "watch_interval_seconds", nullable = false)
    public int watchIntervalSeconds;

    /** Segments the guard took out: their devices leave the cohort, those on a variant go back. */
    @Convert(converter = JsonListConverter.ExcludedSegments.class)
    @Column(name = "excluded_segments", nullable = false)
    public List<ExcludedSegment> excludedSegments = new ArrayList<>();

    @Column(name = "current_stage", nullable = false)
    public int currentStage;

    @Column(name = "percentage_bp", nullable = false)
    public int percentageBasisPoints;

    @Column(name = "stage_started_at")
    public Instant stageStartedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    public String winner;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long revision;
}
