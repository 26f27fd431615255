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
 * copied whole (upsert of totals, so repeating a roll-up is harmless) and leaves the changed set
 * only if nothing changed it while it was copied — a late record is never left out of history.
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
        return redis.sortedSet(String.class)
                .zrangeWithScores(keys.changed(), 0, -1)
                .chain(changed -> Multi.createFrom()
                        .iterable(changed)
                        .onItem()
                        .transformToUniAndConcatenate(mark -> rollupKey(mark.value(), mark.score()))
                        .collect()
                        .with(java.util.stream.Collectors.summingInt(Integer::intValue)));
    }

    // Copies the hash whole, then forgets it unless it changed meanwhile (its score moved on): a
    // change after the read is rolled up by the next pass, and a crash before the removal only
    // repeats this one.
    private Uni<Integer> rollupKey(String key, double score) {
        CounterKeys.Parsed parsed = keys.parse(key);
        if (parsed == null) {
            return redis.sortedSet(String.class).zrem(keys.changed(), key).replaceWith(0);
        }
        return redis.hash(String.class)
                .hgetall(key)
                .chain(fields -> history.upsert(rows(parsed, fields)))
                .call(() -> redis.execute("EVAL", FORGET_UNCHANGED, "1", keys.changed(), key, Double.toString(score)));
    }

    // KEYS: the changed set. ARGV: hash, the score read before copying it.
    private static final String FORGET_UNCHANGED =
            """
            if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '-1') == tonumber(ARGV[2]) then
              return redis.call('ZREM', KEYS[1], ARGV[1])
            end
            return 0""";

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
