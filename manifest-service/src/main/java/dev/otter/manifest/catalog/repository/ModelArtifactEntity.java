package dev.otter.manifest.catalog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One downloadable file of a version (a tier such as {@code 3b-q4}) and what a device needs to run it. */
@Entity
@Table(name = "model_artifact")
public class ModelArtifactEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "version_id", nullable = false)
    public Long versionId;

    @Column(nullable = false)
    public String tier;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> urls;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public String format;

    public String quantization;

    @Column(name = "release_notes")
    public String releaseNotes;

    @Column(name = "min_app_version")
    public String minAppVersion;

    @Column(name = "min_runtime_version")
    public String minRuntimeVersion;

    @Column(name = "max_runtime_version")
    public String maxRuntimeVersion;

    @Column(name = "min_ram_mb", nullable = false)
    public int minRamMb;

    @Column(name = "min_free_storage_mb", nullable = false)
    public int minFreeStorageMb;

    public String accelerator;

    /** Each entry "platform" or "platform>=minOsVersion", e.g. {@code android>=12}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> platforms;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "device_model_deny", nullable = false)
    public List<String> deviceModelDeny;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** From the GGUF header of an uploaded file; null for files hosted elsewhere. */
    @Column(name = "gguf_version")
    public Integer ggufVersion;

    public String architecture;

    /** Not a model file but an adapter letting apps on this interface use the version (null: a model file). */
    @Column(name = "adapts_interface")
    public String adaptsInterface;

    @Column(name = "tensor_count")
    public Integer tensorCount;
}
