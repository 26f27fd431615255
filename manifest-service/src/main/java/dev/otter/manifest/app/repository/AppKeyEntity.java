package dev.otter.manifest.app.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An app key row: the key's SHA-256 and its first characters, never the key. */
@Entity
@Table(name = "app_key")
public class AppKeyEntity {
    @Id
    public String id;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(name = "key_sha256", nullable = false)
    public String keySha256;

    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;
}
