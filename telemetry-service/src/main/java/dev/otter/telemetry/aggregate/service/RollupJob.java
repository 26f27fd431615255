package dev.otter.telemetry.aggregate.service;

import dev.otter.telemetry.config.TelemetryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Rolls the live per-minute counters up into PostgreSQL for history: every changed counter hash is
 * copied whole (upsert of totals, so repeating a roll-up is harmless); a minute is dropped from the
 * changed set once it is over.
 */
@ApplicationScoped
public class RollupJob {
    private static final Logger LOG = Logger.getLogger(RollupJob.class);
    private static final String UPSERT =
            "INSERT INTO telemetry_counts (minute, family, version, rollout_id, variant, region, metric, value)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                    + " ON CONFLICT (minute, family, version, rollout_id, variant, region, metric) DO UPDATE SET value = EXCLUDED.value";

    private final ReactiveRedisDataSource redis;
    private final Pool pool;
    private final CounterKeys keys;
    private final TelemetryConfig config;
    private final Vertx vertx;
    private long timer = -1;

    public RollupJob(ReactiveRedisDataSource redis, Pool pool, CounterKeys keys, TelemetryConfig config, Vertx vertx) {
        this.redis = redis;
        this.pool = pool;
        this.keys = keys;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.counting().rollupInterval().toMillis(), id -> rollup().subscribe()
                .with(n -> {}, f -> LOG.warnf("telemetry roll-up failed (retried next round): %s", f.toString())));
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** One roll-up pass; returns how many rows were written. */
    public Uni<Integer> rollup() {
        long currentMinute = Instant.now().getEpochSecond() / 60;
        return redis.set(String.class).smembers(keys.dirty()).chain(dirty -> Multi.createFrom()
                .iterable(dirty)
                .onItem()
                .transformToUniAndConcatenate(key -> rollupKey(key, currentMinute))
                .collect()
                .with(java.util.stream.Collectors.summingInt(Integer::intValue)));
    }

    private Uni<Integer> rollupKey(String key, long currentMinute) {
        CounterKeys.Parsed parsed = keys.parse(key);
        if (parsed == null) {
            return redis.set(String.class).srem(keys.dirty(), key).replaceWith(0);
        }
        return redis.hash(String.class).hgetall(key).chain(fields -> {
            List<Tuple> rows = rows(parsed, fields);
            Uni<Integer> written = rows.isEmpty()
                    ? Uni.createFrom().item(0)
                    : pool.preparedQuery(UPSERT).executeBatch(rows).replaceWith(rows.size());
            // The minute may still grow while it lasts (and a little after, from late records).
            boolean over = parsed.minute() < currentMinute - 1;
            return written.call(() -> over
                    ? redis.set(String.class).srem(keys.dirty(), key)
                    : Uni.createFrom().voidItem());
        });
    }

    private static List<Tuple> rows(CounterKeys.Parsed parsed, Map<String, String> fields) {
        OffsetDateTime minute = OffsetDateTime.ofInstant(Instant.ofEpochSecond(parsed.minute() * 60), ZoneOffset.UTC);
        List<Tuple> rows = new ArrayList<>(fields.size());
        fields.forEach((field, value) -> {
            String[] p = field.split("\\|");
            if (parsed.rollout() && p.length == 5) {
                rows.add(
                        Tuple.tuple(List.of(minute, p[0], p[1], parsed.id(), p[2], p[3], p[4], Long.parseLong(value))));
            } else if (!parsed.rollout() && p.length == 3) {
                rows.add(Tuple.tuple(List.of(minute, parsed.id(), p[0], "", "", p[1], p[2], Long.parseLong(value))));
            }
        });
        return rows;
    }
}
