package dev.otter.manifest.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model family row, e.g. {@code assistant}. */
@Entity
@Table(name = "model_family")
public class ModelFamilyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** MODEL weights or an ENGINE that loads them. */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    public dev.otter.manifest.catalog.FamilyKind kind = dev.otter.manifest.catalog.FamilyKind.MODEL;

    /** Whether the legacy (seed-format) endpoints answer for this family without an app key. */
    @Column(name = "legacy_keyless", nullable = false)
    public boolean legacyKeyless;
}
