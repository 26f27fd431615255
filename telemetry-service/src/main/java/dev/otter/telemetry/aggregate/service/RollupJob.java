package dev.otter.telemetry.aggregate.service;

import dev.otter.telemetry.aggregate.repository.CountHistoryRepository;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final ReactiveRedisDataSource redis;
    private final CountHistoryRepository history;
    private final CounterKeys keys;

    public RollupJob(ReactiveRedisDataSource redis, CountHistoryRepository history, CounterKeys keys) {
        this.redis = redis;
        this.history = history;
        this.keys = keys;
    }

    /** Every roll-up interval (skipped while a pass still runs); a failed pass is retried by the next. */
    @Scheduled(
            every = "${otter.telemetry.counting.rollup-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRollup() {
        return rollup().onFailure()
                .recoverWithItem(f -> {
                    LOG.warnf("telemetry roll-up failed (the next round retries): %s", f.toString());
                    return 0;
                })
                .replaceWithVoid();
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
            Uni<Integer> written = history.upsert(rows);
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
