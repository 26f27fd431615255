package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.Channel;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.catalog.FamilyKind;
import dev.otter.manifest.catalog.VersionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the whole device-visible catalog (every non-draft version with its artifacts) in one
 * repeatable-read transaction, so that the snapshot and its revision agree. A read model over
 * plain SQL: it feeds the in-memory cache, not the write side.
 */
@ApplicationScoped
public class CatalogSnapshotRepository {
    private static final String VERSIONS =
            """
            SELECT f.name, v.id, v.version, v.status, v.channel, v.release_notes, v.change_summary, v.urgent,
                   v.urgent_reason, v.status_reason, v.published_at, v.published_by,
                   v.engine_family, v.engine_min, v.engine_max, v.model_interface, a.adapts_interface,
                   a.tier, a.urls, a.size_bytes, a.sha256, a.format, a.quantization, a.release_notes AS artifact_notes,
                   a.min_app_version, a.min_runtime_version, a.max_runtime_version, a.min_ram_mb,
                   a.min_free_storage_mb, a.accelerator, a.platforms, a.device_model_deny
              FROM model_family f
              JOIN model_version v ON v.family_id = f.id AND v.status <> 'DRAFT'
              LEFT JOIN model_artifact a ON a.version_id = v.id
             ORDER BY f.name, v.id, a.id""";

    private static final String PATCHES =
            "SELECT base_sha256, target_sha256, patch_sha256, patch_bytes FROM artifact_patch WHERE status = 'READY'";

    private final Pool pool;

    public CatalogSnapshotRepository(Pool pool) {
        this.pool = pool;
    }

    /** The current catalog revision alone: cheap, for the periodic reconcile. */
    public Uni<Long> revision() {
        return pool.query("SELECT revision FROM catalog_state WHERE id = 1")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Loads a complete snapshot. */
    public Uni<CatalogSnapshot> load() {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute()
                .chain(() -> readAll(conn)));
    }

    private Uni<CatalogSnapshot> readAll(SqlConnection conn) {
        Uni<Long> revision = conn.query("SELECT revision FROM catalog_state WHERE id = 1")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<Map<String, FamilyRow>> families = conn.query(
                        "SELECT name, legacy_keyless, kind FROM model_family ORDER BY name")
                .execute()
                .map(rows -> {
                    Map<String, FamilyRow> byName = new LinkedHashMap<>();
                    rows.forEach(r -> byName.put(
                            r.getString(0), new FamilyRow(r.getBoolean(1), FamilyKind.valueOf(r.getString(2)))));
                    return byName;
                });
        Uni<RowSet<Row>> versions = conn.query(VERSIONS).execute();
        Uni<Map<String, List<PatchEntry>>> patches = conn.query(PATCHES)
                .execute()
                .map(rows -> {
                    Map<String, List<PatchEntry>> byTarget = new HashMap<>();
                    rows.forEach(r -> byTarget.computeIfAbsent(r.getString("target_sha256"), k -> new ArrayList<>())
                            .add(new PatchEntry(
                                    r.getString("base_sha256"),
                                    DownloadLinks.storeUrl(r.getString("patch_sha256")),
                                    r.getLong("patch_bytes"),
                                    r.getString("patch_sha256"))));
                    return byTarget;
                });
        return revision.chain(rev ->
                families.chain(names -> patches.chain(p -> versions.map(rows -> assemble(rev, names, rows, p)))));
    }

    /** A family's own columns. */
    private record FamilyRow(boolean legacyKeyless, FamilyKind kind) {}

    private static final FamilyRow MODEL_FAMILY = new FamilyRow(false, FamilyKind.MODEL);

    private static CatalogSnapshot assemble(
            long revision, Map<String, FamilyRow> familyRows, RowSet<Row> rows, Map<String, List<PatchEntry>> patches) {
        Map<String, Map<Long, VersionBuilder>> byFamily = new LinkedHashMap<>();
        familyRows.keySet().forEach(name -> byFamily.put(name, new LinkedHashMap<>()));
        for (Row row : rows) {
            Map<Long, VersionBuilder> versions =
                    byFamily.computeIfAbsent(row.getString("name"), n -> new LinkedHashMap<>());
            VersionBuilder version = versions.computeIfAbsent(row.getLong("id"), id -> new VersionBuilder(row));
            if (row.getString("tier") != null) {
                ArtifactEntry artifact = artifact(row, patches);
                (artifact.adaptsInterface() == null ? version.artifacts : version.adapters).add(artifact);
            }
        }
        Map<String, FamilyCatalog> families = new LinkedHashMap<>();
        byFamily.forEach((name, versions) -> {
            FamilyRow family = familyRows.getOrDefault(name, MODEL_FAMILY);
            families.put(
                    name,
                    new FamilyCatalog(
                            name,
                            versions.values().stream()
                                    .map(VersionBuilder::build)
                                    .toList(),
                            family.legacyKeyless(),
                            family.kind()));
        });
        return new CatalogSnapshot(revision, families, Instant.now());
    }

    private static ArtifactEntry artifact(Row row, Map<String, List<PatchEntry>> patches) {
        Requirements requirements = new Requirements(
                version(row.getString("min_app_version")),
                version(row.getString("min_runtime_version")),
                version(row.getString("max_runtime_version")),
                row.getInteger("min_ram_mb"),
                row.getInteger("min_free_storage_mb"),
                row.getString("accelerator"),
                strings(row.getArrayOfStrings("platforms")).stream()
                        .map(PlatformRequirement::decode)
                        .toList(),
                strings(row.getArrayOfStrings("device_model_deny")));
        return new ArtifactEntry(
                row.getString("tier"),
                strings(row.getArrayOfStrings("urls")),
                row.getLong("size_bytes"),
                row.getString("sha256"),
                row.getString("format"),
                row.getString("quantization"),
                row.getString("artifact_notes"),
                requirements,
                patches.getOrDefault(row.getString("sha256"), List.of()),
                row.getString("adapts_interface"));
    }

    private static SemVer version(String text) {
        return text == null ? null : SemVer.parseLenient(text);
    }

    private static List<String> strings(String[] array) {
        return array == null ? List.of() : List.of(array);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Collects one version's columns and the artifacts of its joined rows. */
    private static final class VersionBuilder {
        private final Row first;
        private final List<ArtifactEntry> artifacts = new ArrayList<>();
        private final List<ArtifactEntry> adapters = new ArrayList<>();

        VersionBuilder(Row first) {
            this.first = first;
        }

        VersionEntry build() {
            return new VersionEntry(
                    SemVer.parse(first.getString("version")),
                    VersionStatus.valueOf(first.getString("status")),
                    Channel.valueOf(first.getString("channel")),
                    first.getString("release_notes"),
                    first.getString("change_summary"),
                    first.getBoolean("urgent"),
                    first.getString("urgent_reason"),
                    first.getString("status_reason"),
                    instant(first.getOffsetDateTime("published_at")),
                    first.getString("published_by"),
                    artifacts,
                    engine(),
                    first.getString("model_interface"),
                    adapters);
        }

        private EngineRange engine() {
            String family = first.getString("engine_family");
            return family == null
                    ? null
                    : new EngineRange(
                            family, version(first.getString("engine_min")), version(first.getString("engine_max")));
        }
    }
}
