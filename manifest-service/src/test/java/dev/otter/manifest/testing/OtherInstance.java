package dev.otter.manifest.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/**
 * Plays another manifest-service: writes a published version straight into the shared database,
 * the way a different instance's publisher API would, without touching this instance's memory.
 */
public final class OtherInstance {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private OtherInstance() {}

    /** Inserts a published family/version with one 1b artifact; returns the new catalog revision. */
    public static long publishDirectly(Pool pool, String family, String version) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "INSERT INTO model_family (name, created_at, created_by) VALUES ($1, now(), 'other')"
                                        + " ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id")
                        .execute(Tuple.of(family))
                        .map(rows -> rows.iterator().next().getLong(0))
                        .chain(familyId -> conn.preparedQuery(
                                        "INSERT INTO model_version (family_id, version, status, channel, created_at, created_by,"
                                                + " published_at, published_by) VALUES ($1, $2, 'PUBLISHED', 'STABLE', now(),"
                                                + " 'other', now(), 'other') RETURNING id")
                                .execute(Tuple.of(familyId, version)))
                        .map(rows -> rows.iterator().next().getLong(0))
                        .chain(versionId -> conn.preparedQuery(
                                        "INSERT INTO model_artifact (version_id, tier, urls, size_bytes, sha256, format,"
                                                + " created_at) VALUES ($1, '1b', $2, 1000, $3, 'gguf', now())")
                                .execute(Tuple.of(
                                        versionId,
                                        new String[] {CatalogApi.url(version, "1b")},
                                        CatalogApi.sha256(version, "1b"))))
                        .chain(() -> conn.query("UPDATE catalog_state SET revision = revision + 1 RETURNING revision")
                                .execute())
                        .map(rows -> rows.iterator().next().getLong(0)))
                .await()
                .atMost(TIMEOUT);
    }
}
