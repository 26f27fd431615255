package dev.otter.manifest.artifact.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.Optional;

/** The {@code stored_file} table: one row per distinct uploaded file. */
@ApplicationScoped
public class StoredFileRepository {
    private final Pool pool;

    public StoredFileRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records a file; the first upload of the same bytes wins (same bytes, same facts). */
    public Uni<StoredFile> save(StoredFile f) {
        return pool.preparedQuery(
                        "INSERT INTO stored_file (sha256, size_bytes, gguf_version, architecture, quantization,"
                                + " tensor_count, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                                + " ON CONFLICT (sha256) DO NOTHING")
                .execute(Tuple.from(new Object[] {
                    f.sha256(),
                    f.sizeBytes(),
                    f.ggufVersion(),
                    f.architecture(),
                    f.quantization(),
                    f.tensorCount(),
                    f.uploadedAt().atOffset(ZoneOffset.UTC),
                    f.uploadedBy()
                }))
                .chain(() -> find(f.sha256()))
                .map(Optional::orElseThrow);
    }

    public Uni<Optional<StoredFile>> find(String sha256) {
        return pool.preparedQuery("SELECT * FROM stored_file WHERE sha256 = $1")
                .execute(Tuple.of(sha256))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(map(rows.iterator().next())));
    }

    private static StoredFile map(Row r) {
        return new StoredFile(
                r.getString("sha256"),
                r.getLong("size_bytes"),
                r.getInteger("gguf_version"),
                r.getString("architecture"),
                r.getString("quantization"),
                r.getInteger("tensor_count"),
                r.getOffsetDateTime("uploaded_at").toInstant(),
                r.getString("uploaded_by"));
    }
}
