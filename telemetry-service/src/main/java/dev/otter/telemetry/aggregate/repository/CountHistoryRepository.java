package dev.otter.telemetry.aggregate.repository;

import dev.otter.telemetry.aggregate.api.HourTotals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rolled-up counts in PostgreSQL ({@code telemetry_counts}): one row per minute, dimension and metric. */
@ApplicationScoped
public class CountHistoryRepository {
    private static final String UPSERT =
            "INSERT INTO telemetry_counts (minute, family, version, rollout_id, variant, region, metric, value)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                    + " ON CONFLICT (minute, family, version, rollout_id, variant, region, metric)"
                    + " DO UPDATE SET value = EXCLUDED.value";

    private final Pool pool;

    public CountHistoryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Writes minute totals (an upsert: repeating a roll-up is harmless); returns how many rows. */
    public Uni<Integer> upsert(List<Tuple> rows) {
        return rows.isEmpty()
                ? Uni.createFrom().item(0)
                : pool.preparedQuery(UPSERT).executeBatch(rows).replaceWith(rows.size());
    }

    /** Hourly totals per metric of a version since {@code since}, all rollouts included, oldest first. */
    public Uni<List<HourTotals>> hourly(String family, String version, OffsetDateTime since) {
        return pool.preparedQuery("SELECT date_trunc('hour', minute) AS hour, metric, sum(value) FROM telemetry_counts"
                        + " WHERE family = $1 AND version = $2 AND minute >= $3 GROUP BY 1, 2 ORDER BY 1, 2")
                .execute(Tuple.of(family, version, since))
                .map(rows -> {
                    Map<Instant, Map<String, Long>> byHour = new LinkedHashMap<>();
                    rows.forEach(
                            r -> byHour.computeIfAbsent(r.getOffsetDateTime(0).toInstant(), k -> new LinkedHashMap<>())
                                    .put(r.getString(1), r.getLong(2)));
                    List<HourTotals> out = new ArrayList<>();
                    byHour.forEach((hour, metrics) -> out.add(new HourTotals(hour, metrics)));
                    return out;
                });
    }
}
