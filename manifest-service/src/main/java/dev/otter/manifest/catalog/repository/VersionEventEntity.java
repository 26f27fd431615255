package dev.otter.manifest.catalog.repository;

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

/** One entry of a version's history: created, artifact added, published, deprecated, retired. */
@Entity
@Table(name = "version_event")
public class VersionEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "version_id", nullable = false)
    public Long versionId;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public VersionStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public VersionStatus toStatus;

    public String detail;
}
