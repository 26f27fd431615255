package dev.otter.telemetry.aggregate.service;

import dev.otter.contract.telemetry.TelemetryEvent;
import dev.otter.telemetry.config.TelemetryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts one Kafka record's events in Redis with one atomic script, so that nothing is counted
 * twice: a record at or below the partition's last counted offset is a redelivery and is skipped
 * whole; an event id seen in the current or previous hour is a re-sent duplicate and is skipped;
 * the remaining events' increments are added and the offset recorded, all or nothing.
 */
@ApplicationScoped
public class CounterStore {
    // KEYS: offsets hash, seen set (this hour), seen set (previous hour), dirty set.
    // ARGV: partition, offset, seen ttl, counts ttl, event count, then per event: id, m, m × (key, field, delta).
    private static final String COUNT =
            """
            local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
            if tonumber(ARGV[2]) <= last then return {-1, 0} end
            local pos = 6
            local fresh, dup = 0, 0
            local sums = {}
            for i = 1, tonumber(ARGV[5]) do
              local id = ARGV[pos]
              local m = tonumber(ARGV[pos + 1])
              pos = pos + 2
              local new = redis.call('SISMEMBER', KEYS[3], id) == 0 and redis.call('SADD', KEYS[2], id) == 1
              if new then fresh = fresh + 1 else dup = dup + 1 end
              for j = 1, m do
                if new then
                  local k, f = ARGV[pos], ARGV[pos + 1]
                  sums[k] = sums[k] or {}
                  sums[k][f] = (sums[k][f] or 0) + tonumber(ARGV[pos + 2])
                end
                pos = pos + 3
              end
            end
            for k, fields in pairs(sums) do
              for f, d in pairs(fields) do redis.call('HINCRBY', k, f, d) end
              redis.call('EXPIRE', k, ARGV[4])
              redis.call('SADD', KEYS[4], k)
            end
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return {fresh, dup}""";

    private final ReactiveRedisDataSource redis;
    private final CounterKeys keys;
    private final long seenTtl;
    private final long countsTtl;

    public CounterStore(ReactiveRedisDataSource redis, CounterKeys keys, TelemetryConfig config) {
        this.redis = redis;
        this.keys = keys;
        // An id stays findable for the whole window: this hour's set is checked with the previous one.
        long hours = Math.max(1, (config.counting().dedupWindow().toSeconds() + 3599) / 3600);
        this.seenTtl = (hours + 1) * 3600;
        this.countsTtl = config.counting().liveRetention().toSeconds();
    }

    /** What counting one record did: events counted, duplicates dropped, or a whole redelivery skipped. */
    public record Counted(int fresh, int duplicates, boolean redelivery) {}

    public Uni<Counted> count(
            String topic, int partition, long offset, Instant receivedAt, List<TelemetryEvent> events) {
        long minute = receivedAt.getEpochSecond() / 60;
        long hour = Instant.now().getEpochSecond() / 3600;
        List<String> args = new ArrayList<>(List.of(
                COUNT,
                "4",
                keys.offsets(topic),
                keys.seen(hour),
                keys.seen(hour - 1),
                keys.dirty(),
                Integer.toString(partition),
                Long.toString(offset),
                Long.toString(seenTtl),
                Long.toString(countsTtl),
                Integer.toString(events.size())));
        for (TelemetryEvent e : events) {
            List<Increment> increments = EventCounting.increments(keys, e, minute);
            args.add(e.eventId());
            args.add(Integer.toString(increments.size()));
            for (Increment inc : increments) {
                args.add(inc.key());
                args.add(inc.field());
                args.add(Long.toString(inc.delta()));
            }
        }
        return redis.execute("EVAL", args.toArray(String[]::new)).map(reply -> {
            long fresh = reply.get(0).toLong();
            return fresh < 0
                    ? new Counted(0, 0, true)
                    : new Counted((int) fresh, reply.get(1).toInteger(), false);
        });
    }
}
