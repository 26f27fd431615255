package dev.otter.manifest.catalog.repository;

import dev.otter.contract.Channel;
import dev.otter.manifest.catalog.VersionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model version row; immutable once its status leaves DRAFT. */
@Entity
@Table(name = "model_version")
public class ModelVersionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "family_id", nullable = false)
    public Long familyId;

    @Column(nullable = false)
    public String version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VersionStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "release_notes")
    public String releaseNotes;

    @Column(name = "change_summary")
    public String changeSummary;

    public boolean urgent;

    @Column(name = "urgent_reason")
    public String urgentReason;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;

    /** The engine family whose versions {@link #engineMin}..{@link #engineMax} load this model (null: none named). */
    @Column(name = "engine_family")
    public String engineFamily;

    /** The oldest engine version that loads it (inclusive; null: any). */
    @Column(name = "engine_min")
    public String engineMin;

    /** The newest engine version that loads it (inclusive; null: open). */
    @Column(name = "engine_max")
    public String engineMax;

    /** The interface the model implements, e.g. {@code chat@2} (null: not declared, any app may use it). */
    @Column(name = "model_interface")
    public String modelInterface;
}
