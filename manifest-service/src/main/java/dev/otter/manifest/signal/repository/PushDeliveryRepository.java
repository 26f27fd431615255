package dev.otter.manifest.signal.repository;

import dev.otter.manifest.signal.PushStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The push outbox in PostgreSQL. Inserts keep the first row of an id (every instance offers the
 * same signal); due rows are claimed with a lease under {@code FOR UPDATE SKIP LOCKED}, so
 * instances share the work and a crashed one's claims come due again.
 */
@ApplicationScoped
public class PushDeliveryRepository {
    private final Pool pool;

    public PushDeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** A stored delivery. */
    public record Delivery(
            String id,
            String payload,
            PushStatus status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant createdAt,
            Instant deliveredAt) {}

    /** Stores new deliveries (id → JSON payload); an id already stored is left as it is. Returns how many were new. */
    public Uni<Integer> offer(List<String[]> idAndPayload, Instant now) {
        if (idAndPayload.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>();
        for (String[] p : idAndPayload) {
            rows.add(Tuple.of(p[0], p[1], at(now)));
        }
        return pool.preparedQuery("INSERT INTO push_delivery (id, payload, status, next_attempt_at, created_at)"
                        + " VALUES ($1, $2::text::jsonb, 'PENDING', $3, $3) ON CONFLICT (id) DO NOTHING")
                .executeBatch(rows)
                .map(result -> {
                    int inserted = 0;
                    for (var r = result; r != null; r = r.next()) {
                        inserted += r.rowCount();
                    }
                    return inserted;
                });
    }

    /** Claims up to {@code limit} due deliveries for {@code lease}. */
    public Uni<List<Delivery>> claim(int limit, Duration lease, Instant now) {
        return pool.preparedQuery("UPDATE push_delivery SET locked_until = $1 WHERE id IN ("
                        + " SELECT id FROM push_delivery WHERE status = 'PENDING' AND next_attempt_at <= $2"
                        + " AND (locked_until IS NULL OR locked_until < $2) ORDER BY next_attempt_at LIMIT $3"
                        + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
                .execute(Tuple.of(at(now.plus(lease)), at(now), limit))
                .map(PushDeliveryRepository::deliveries);
    }

    public Uni<Void> delivered(String id, int attempts, Instant now) {
        return pool.preparedQuery("UPDATE push_delivery SET status = 'DELIVERED', attempts = $2, delivered_at = $3,"
                        + " locked_until = NULL, last_error = NULL WHERE id = $1")
                .execute(Tuple.of(id, attempts, at(now)))
                .replaceWithVoid();
    }

    /** Records a failed try: due again at {@code next}, or DEAD when {@code dead}. */
    public Uni<Void> failed(String id, int attempts, String error, Instant next, boolean dead) {
        return pool.preparedQuery("UPDATE push_delivery SET status = $2, attempts = $3, last_error = $4,"
                        + " next_attempt_at = $5, locked_until = NULL WHERE id = $1")
                .execute(Tuple.from(
                        List.of(id, (dead ? PushStatus.DEAD : PushStatus.PENDING).name(), attempts, error, at(next))))
                .replaceWithVoid();
    }

    /** Deliveries in a status, newest first. */
    public Uni<List<Delivery>> list(PushStatus status, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM push_delivery WHERE status = $1"
                        + " ORDER BY created_at DESC LIMIT $2")
                .execute(Tuple.of(status.name(), limit))
                .map(PushDeliveryRepository::deliveries);
    }

    /** A dead letter back to PENDING with fresh tries; false when the id is not DEAD. */
    public Uni<Boolean> retry(String id, Instant now) {
        return pool.preparedQuery("UPDATE push_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = $2,"
                        + " locked_until = NULL WHERE id = $1 AND status = 'DEAD'")
                .execute(Tuple.of(id, at(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static final String COLUMNS =
            "id, payload::text, status, attempts, next_attempt_at, last_error, created_at, delivered_at";

    private static List<Delivery> deliveries(Iterable<Row> rows) {
        List<Delivery> list = new ArrayList<>();
        for (Row r : rows) {
            list.add(new Delivery(
                    r.getString(0),
                    r.getString(1),
                    PushStatus.valueOf(r.getString(2)),
                    r.getInteger(3),
                    instant(r.getOffsetDateTime(4)),
                    r.getString(5),
                    instant(r.getOffsetDateTime(6)),
                    instant(r.getOffsetDateTime(7))));
        }
        return list;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
