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
 * whole; an event id already in the partition's dedup filter for this or the previous hour is a
 * re-sent duplicate and is skipped ({@link DedupFilter}: bounded memory, a documented false-drop
 * rate); the remaining events' increments are added and the offset recorded, all or nothing.
 */
@ApplicationScoped
public class CounterStore {
    // KEYS: offsets hash, filter (this hour), filter (previous hour), dirty set.
    // ARGV: partition, offset, filter ttl, counts ttl, event count, then per event:
    //       word offsets #a #b, masks of a and b, m, m × (key, field, delta).
    // An event is new unless its bits are all set in this hour's filter or in the previous hour's;
    // a new event's bits are set in this hour's (bit.* works on signed 32-bit: tobit compares alike).
    private static final String COUNT =
            """
            local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
            if tonumber(ARGV[2]) <= last then return {-1, 0} end
            local band, bor, tobit = bit.band, bit.bor, bit.tobit
            local pos = 6
            local fresh, dup = 0, 0
            local sums = {}
            for i = 1, tonumber(ARGV[5]) do
              local a, b = ARGV[pos], ARGV[pos + 1]
              local ma, mb = tobit(tonumber(ARGV[pos + 2])), tobit(tonumber(ARGV[pos + 3]))
              pos = pos + 4
              local w = redis.call('BITFIELD', KEYS[2], 'GET', 'u32', a, 'GET', 'u32', b)
              local new = not (band(w[1], ma) == ma and band(w[2], mb) == mb)
              if new then
                local p = redis.call('BITFIELD_RO', KEYS[3], 'GET', 'u32', a, 'GET', 'u32', b)
                new = not (band(p[1], ma) == ma and band(p[2], mb) == mb)
                redis.call('BITFIELD', KEYS[2], 'SET', 'u32', a, bor(w[1], ma), 'SET', 'u32', b, bor(w[2], mb))
              end
              local m = tonumber(ARGV[pos])
              pos = pos + 1
              if new then fresh = fresh + 1 else dup = dup + 1 end
              for j = 1, m do
                if new then
                  local key, f = ARGV[pos], ARGV[pos + 1]
                  sums[key] = sums[key] or {}
                  sums[key][f] = (sums[key][f] or 0) + tonumber(ARGV[pos + 2])
                end
                pos = pos + 3
              end
            end
            for key, fields in pairs(sums) do
              for f, d in pairs(fields) do redis.call('HINCRBY', key, f, d) end
              redis.call('EXPIRE', key, ARGV[4])
              redis.call('SADD', KEYS[4], key)
            end
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return {fresh, dup}""";

    private final ReactiveRedisDataSource redis;
    private final CounterKeys keys;
    private final long seenTtl;
    private final long countsTtl;
    private final DedupFilter filter;

    public CounterStore(ReactiveRedisDataSource redis, CounterKeys keys, TelemetryConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.filter = new DedupFilter(
                config.counting().dedupCapacity(), config.counting().dedupFalseDropRate());
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
                keys.seen(topic, partition, hour, filter.geometry()),
                keys.seen(topic, partition, hour - 1, filter.geometry()),
                keys.dirty(),
                Integer.toString(partition),
                Long.toString(offset),
                Long.toString(seenTtl),
                Long.toString(countsTtl),
                Integer.toString(events.size())));
        for (TelemetryEvent e : events) {
            List<Increment> increments = EventCounting.increments(keys, e, minute);
            DedupFilter.Probe probe = filter.probe(e.eventId());
            args.add(probe.word0());
            args.add(probe.word1());
            args.add(Long.toString(probe.mask0()));
            args.add(Long.toString(probe.mask1()));
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
