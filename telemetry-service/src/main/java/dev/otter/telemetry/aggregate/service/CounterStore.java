package dev.otter.telemetry.aggregate.service;

import dev.otter.contract.rollout.ResourceLimits;
import dev.otter.contract.telemetry.TelemetryEvent;
import dev.otter.telemetry.config.TelemetryConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Counts one Kafka record's events in Redis exactly once, in two idempotent steps that each touch
 * one Redis Cluster slot:
 *
 * <ol>
 *   <li><b>decide</b> (the partition's slot): a record below the partition's latest decided record
 *       was counted before and is skipped whole; the latest decided record gets its stored decision
 *       back; a new one is decided — an event id already in the partition's dedup filter for this or
 *       the previous hour is a re-sent duplicate ({@link DedupFilter}: bounded memory, a documented
 *       false-drop rate) — and the decision is stored with it;
 *   <li><b>apply</b> (each counter hash's slot): the fresh events' increments are added unless the
 *       hash already holds this partition's record at or after this offset (a marker field).
 * </ol>
 *
 * A partition's records are counted in order, so a consumer that reaches a later record has applied
 * the earlier one: "below the latest decided" means "counted". A crash between the steps redelivers
 * the record, which gets the same decision and is applied once. With {@code replica-acks}, the record
 * is acknowledged only after Redis replicas hold both steps, so a Sentinel failover loses no count.
 */
@ApplicationScoped
public class CounterStore {
    // KEYS: partition state, filter (this hour), filter (previous hour).
    // ARGV: offset, filter ttl, event count, then per event: word offsets #a #b, masks of a and b.
    // Returns "-" for a counted record, else one character per event: "1" fresh, "0" duplicate,
    // after "=" when the decision was taken before (the record is being delivered again).
    // An event is new unless its bits are all set in this hour's filter or in the previous hour's;
    // a new event's bits are set in this hour's (bit.* works on signed 32-bit: tobit compares alike).
    private static final String DECIDE =
            """
            local offset = tonumber(ARGV[1])
            local latest = tonumber(redis.call('HGET', KEYS[1], 'offset') or '-1')
            if offset < latest then return '-' end
            if offset == latest then return '=' .. redis.call('HGET', KEYS[1], 'decision') end
            local band, bor, tobit = bit.band, bit.bor, bit.tobit
            local decision = {}
            for i = 1, tonumber(ARGV[3]) do
              local pos = 4 * i
              local a, b = ARGV[pos], ARGV[pos + 1]
              local ma, mb = tobit(tonumber(ARGV[pos + 2])), tobit(tonumber(ARGV[pos + 3]))
              local w = redis.call('BITFIELD', KEYS[2], 'GET', 'u32', a, 'GET', 'u32', b)
              local new = not (band(w[1], ma) == ma and band(w[2], mb) == mb)
              if new then
                local p = redis.call('BITFIELD_RO', KEYS[3], 'GET', 'u32', a, 'GET', 'u32', b)
                new = not (band(p[1], ma) == ma and band(p[2], mb) == mb)
                redis.call('BITFIELD', KEYS[2], 'SET', 'u32', a, bor(w[1], ma), 'SET', 'u32', b, bor(w[2], mb))
              end
              decision[i] = new and '1' or '0'
            end
            redis.call('EXPIRE', KEYS[2], ARGV[2])
            local taken = table.concat(decision)
            redis.call('HSET', KEYS[1], 'offset', ARGV[1], 'decision', taken)
            return taken""";

    // KEYS: a counter hash. ARGV: marker field, offset, ttl, then (field, delta) pairs.
    private static final String APPLY =
            """
            local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
            if tonumber(ARGV[2]) <= last then return 0 end
            for i = 4, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final CounterKeys keys;
    private final long seenTtl;
    private final long countsTtl;
    private final DedupFilter filter;
    private final ReplicaAcks replicaAcks;
    private final double batteryLimit;

    public CounterStore(
            ReactiveRedisDataSource redis, CounterKeys keys, TelemetryConfig config, ReplicaAcks replicaAcks) {
        this.redis = redis;
        this.keys = keys;
        this.replicaAcks = replicaAcks;
        this.filter = new DedupFilter(
                config.counting().dedupCapacity(), config.counting().dedupFalseDropRate());
        // An id stays findable for the whole window: this hour's set is checked with the previous one.
        long hours = Math.max(1, (config.counting().dedupWindow().toSeconds() + 3599) / 3600);
        this.seenTtl = (hours + 1) * 3600;
        this.countsTtl = config.counting().liveRetention().toSeconds();
        this.batteryLimit =
                ResourceLimits.BATTERY_TIMES_STANDBY * config.counting().standbyBatteryDrain();
    }

    /** What counting one record did: events counted, duplicates dropped, or a whole redelivery skipped. */
    public record Counted(int fresh, int duplicates, boolean redelivery) {}

    private static final Counted REDELIVERED = new Counted(0, 0, true);

    public Uni<Counted> count(
            String topic, int partition, long offset, Instant receivedAt, List<TelemetryEvent> events) {
        if (!replicaAcks.enabled()) {
            return count(redis, topic, partition, offset, receivedAt, events);
        }
        // WAIT covers the writes of the connection it is sent on: both steps go through one.
        Counted[] result = new Counted[1];
        return redis.withConnection(connection -> count(connection, topic, partition, offset, receivedAt, events)
                        .invoke(counted -> result[0] = counted)
                        .call(() -> replicaAcks.await(connection))
                        .replaceWithVoid())
                .map(done -> result[0]);
    }

    private Uni<Counted> count(
            ReactiveRedisDataSource connection,
            String topic,
            int partition,
            long offset,
            Instant receivedAt,
            List<TelemetryEvent> events) {
        return decide(connection, topic, partition, offset, events).chain(decision -> {
            if (decision.equals("-")) {
                return Uni.createFrom().item(REDELIVERED);
            }
            boolean again = decision.startsWith("=");
            String taken = again ? decision.substring(1) : decision;
            long minute = receivedAt.getEpochSecond() / 60;
            List<TelemetryEvent> fresh = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                if (taken.charAt(i) == '1') {
                    fresh.add(events.get(i));
                }
            }
            Map<String, Map<String, Long>> sums = EventCounting.increments(keys, fresh, minute, batteryLimit);
            Counted counted = new Counted(fresh.size(), events.size() - fresh.size(), false);
            // delivered again: a redelivery, unless the earlier delivery stopped before applying
            return apply(connection, topic + "#" + partition, offset, sums)
                    .map(applied -> again && !applied ? REDELIVERED : counted);
        });
    }

    private Uni<String> decide(
            ReactiveRedisDataSource connection, String topic, int partition, long offset, List<TelemetryEvent> events) {
        long hour = Instant.now().getEpochSecond() / 3600;
        List<String> args = new ArrayList<>(8 + 4 * events.size());
        args.addAll(List.of(
                DECIDE,
                "3",
                keys.partitionState(topic, partition),
                keys.seen(topic, partition, hour, filter.geometry()),
                keys.seen(topic, partition, hour - 1, filter.geometry()),
                Long.toString(offset),
                Long.toString(seenTtl),
                Integer.toString(events.size())));
        for (TelemetryEvent e : events) {
            DedupFilter.Probe probe = filter.probe(e.eventId());
            args.add(probe.word0());
            args.add(probe.word1());
            args.add(Long.toString(probe.mask0()));
            args.add(Long.toString(probe.mask1()));
        }
        return connection.execute("EVAL", args.toArray(String[]::new)).map(Response::toString);
    }

    // Each counter hash in its own script (its own slot); then each hash's change count goes up in
    // the changed set, after the hash took the increments (a roll-up that reads the count before
    // the increments would otherwise drop them): the record is acknowledged only when all
    // succeeded, and a redelivery counts the change again (harmless: one more roll-up).
    // True when some hash took the increments now.
    private Uni<Boolean> apply(
            ReactiveRedisDataSource connection, String marker, long offset, Map<String, Map<String, Long>> sums) {
        if (sums.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<Uni<Boolean>> writes = new ArrayList<>(sums.size());
        sums.forEach((key, fields) -> writes.add(applyOne(connection, key, "@" + marker, offset, fields)));
        return Uni.join()
                .all(writes)
                .andFailFast()
                .call(done -> changed(connection, rolledUp(sums.keySet())))
                .map(done -> done.contains(true));
    }

    // The hashes history keeps (a rollout's or a family's minutes; segment hashes only live out their TTL).
    private java.util.Set<String> rolledUp(java.util.Set<String> hashes) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        hashes.forEach(h -> {
            if (keys.parse(h) != null) {
                out.add(h);
            }
        });
        return out;
    }

    private Uni<Void> changed(ReactiveRedisDataSource connection, java.util.Set<String> hashes) {
        List<Uni<Double>> marks = new ArrayList<>(hashes.size());
        hashes.forEach(hash -> marks.add(connection.sortedSet(String.class).zincrby(keys.changed(), 1, hash)));
        return Uni.join().all(marks).andFailFast().replaceWithVoid();
    }

    private Uni<Boolean> applyOne(
            ReactiveRedisDataSource connection, String key, String marker, long offset, Map<String, Long> fields) {
        List<String> args = new ArrayList<>(6 + 2 * fields.size());
        args.addAll(List.of(APPLY, "1", key, marker, Long.toString(offset), Long.toString(countsTtl)));
        fields.forEach((field, delta) -> {
            args.add(field);
            args.add(Long.toString(delta));
        });
        return connection.execute("EVAL", args.toArray(String[]::new)).map(reply -> reply.toLong() == 1L);
    }
}
