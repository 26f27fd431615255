package dev.otter.manifest.catalog.patch.repository;

import dev.otter.manifest.catalog.patch.PatchStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code artifact_patch} table: planned, running and finished patches. */
@ApplicationScoped
public class PatchRepository {
    private final Pool pool;

    public PatchRepository(Pool pool) {
        this.pool = pool;
    }

    /** Plans a patch unless the same pair is planned already. */
    public Uni<Void> plan(
            String family,
            String tier,
            String fromVersion,
            String toVersion,
            String baseSha256,
            String targetSha256,
            long targetBytes) {
        return pool.preparedQuery("INSERT INTO artifact_patch (family, tier, from_version, to_version, base_sha256,"
                        + " target_sha256, status, target_bytes, created_at, updated_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, now(), now())"
                        + " ON CONFLICT (base_sha256, target_sha256) DO NOTHING")
                .execute(Tuple.from(
                        new Object[] {family, tier, fromVersion, toVersion, baseSha256, targetSha256, targetBytes}))
                .replaceWithVoid();
    }

    /**
     * Claims the oldest pending patch, or a running one whose worker stopped reporting progress
     * (a crashed instance): {@code SKIP LOCKED} lets several instances share the work.
     */
    public Uni<Optional<PatchJob>> claim() {
        return pool.query("UPDATE artifact_patch SET status = 'RUNNING', progress_bytes = 0, updated_at = now()"
                        + " WHERE id = (SELECT id FROM artifact_patch WHERE status = 'PENDING'"
                        + " OR (status = 'RUNNING' AND updated_at < now() - interval '2 minutes')"
                        + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *")
                .execute()
                .map(rows -> first(rows));
    }

    public Uni<Void> progress(long id, long bytes) {
        return pool.preparedQuery("UPDATE artifact_patch SET progress_bytes = $2, updated_at = now()"
                        + " WHERE id = $1 AND status = 'RUNNING'")
                .execute(Tuple.of(id, bytes))
                .replaceWithVoid();
    }

    /** Records the outcome and bumps the catalog revision in one transaction (a READY patch is device-visible). */
    public Uni<Long> finish(long id, PatchStatus status, String patchSha256, Long patchBytes, String detail) {
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE artifact_patch SET status = $2,"
                        + " progress_bytes = target_bytes, patch_sha256 = $3, patch_bytes = $4, detail = $5,"
                        + " updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, status.name(), patchSha256, patchBytes, detail))
                .chain(() -> conn.query(
                                "UPDATE catalog_state SET revision = revision + 1 WHERE id = 1 RETURNING revision")
                        .execute())
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    /** The patches to a version, newest base first. */
    public Uni<List<PatchJob>> forVersion(String family, String version) {
        return pool.preparedQuery(
                        "SELECT * FROM artifact_patch WHERE family = $1 AND to_version = $2 ORDER BY tier, id DESC")
                .execute(Tuple.of(family, version))
                .map(rows -> {
                    List<PatchJob> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    private static Optional<PatchJob> first(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(map(rows.iterator().next()));
    }

    private static PatchJob map(Row r) {
        return new PatchJob(
                r.getLong("id"),
                r.getString("family"),
                r.getString("tier"),
                r.getString("from_version"),
                r.getString("to_version"),
                r.getString("base_sha256"),
                r.getString("target_sha256"),
                PatchStatus.valueOf(r.getString("status")),
                r.getLong("target_bytes"),
                r.getLong("progress_bytes"),
                r.getString("patch_sha256"),
                r.getLong("patch_bytes"),
                r.getString("detail"),
                r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
