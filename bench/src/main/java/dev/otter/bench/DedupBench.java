package dev.otter.bench;

import dev.otter.telemetry.aggregate.service.DedupFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Memory of the event-id dedup in real Redis: one partition-hour's Bloom filter filled to its
 * capacity (bytes per event and the false-drop rate measured with as many fresh ids), against the
 * exact set of ids it replaced; then both scaled to a fleet sending one million events per second
 * with the two-hour dedup window.
 *
 * <p>Usage: {@code DedupBench REDIS_PORT [CAPACITY [FALSE_DROP_RATE]]}
 */
public final class DedupBench {
    private static final int BATCH = 1_000;
    private static final double EVENTS_PER_SECOND = 1_000_000;
    private static final int WINDOW_HOURS = 2;

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        long capacity = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 0.001;
        DedupFilter filter = new DedupFilter(capacity, rate);
        String bitmap = "otter-bench:dedup:bloom";
        String set = "otter-bench:dedup:set";
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            redis.del(bitmap, set);
            long started = System.nanoTime();
            for (long done = 0; done < capacity; done += BATCH) {
                Pipeline p = redis.pipelined();
                for (int i = 0; i < Math.min(BATCH, capacity - done); i++) {
                    String id = UUID.randomUUID().toString();
                    p.bitfield(bitmap, set(filter.probe(id)));
                    p.sadd(set, id);
                }
                p.sync();
            }
            double fillSeconds = (System.nanoTime() - started) / 1e9;
            long bloomBytes = redis.memoryUsage(bitmap);
            long setBytes = redis.memoryUsage(set, 0);
            long falseDrops = 0;
            for (long done = 0; done < capacity; done += BATCH) {
                Pipeline p = redis.pipelined();
                List<Response<List<Long>>> answers = new ArrayList<>();
                List<DedupFilter.Probe> probes = new ArrayList<>();
                for (int i = 0; i < Math.min(BATCH, capacity - done); i++) {
                    DedupFilter.Probe probe = filter.probe(UUID.randomUUID().toString());
                    answers.add(p.bitfieldReadonly(bitmap, "GET", "u32", probe.word0(), "GET", "u32", probe.word1()));
                    probes.add(probe);
                }
                p.sync();
                for (int i = 0; i < answers.size(); i++) {
                    List<Long> words = answers.get(i).get();
                    DedupFilter.Probe probe = probes.get(i);
                    if ((words.get(0) & probe.mask0()) == probe.mask0()
                            && (words.get(1) & probe.mask1()) == probe.mask1()) {
                        falseDrops++;
                    }
                }
            }
            redis.del(bitmap, set);
            report(capacity, rate, filter, fillSeconds, bloomBytes, setBytes, falseDrops);
        }
    }

    private static void report(
            long capacity,
            double rate,
            DedupFilter filter,
            double fillSeconds,
            long bloomBytes,
            long setBytes,
            long falseDrops) {
        double bloomPerEvent = (double) bloomBytes / capacity;
        double setPerEvent = (double) setBytes / capacity;
        double measured = (double) falseDrops / capacity;
        double idsInWindow = EVENTS_PER_SECOND * 3600 * WINDOW_HOURS;
        System.out.printf(
                "RESULT filter for %,d events at p=%s: %,d bits, k=%d; Redis holds %,d B (%.2f B/event); "
                        + "false drops measured %d of %,d (%.4f %%, designed %.4f %%); filled in %.1f s%n",
                capacity,
                rate,
                filter.bits(),
                filter.hashes(),
                bloomBytes,
                bloomPerEvent,
                falseDrops,
                capacity,
                measured * 100,
                filter.falseDropRateAt(capacity) * 100,
                fillSeconds);
        System.out.printf("RESULT exact set of the same ids: %,d B (%.1f B/event)%n", setBytes, setPerEvent);
        System.out.printf(
                "RESULT at 1 M events/s with a %d h window: Bloom %.1f GB, exact set %.0f GB%n",
                WINDOW_HOURS, idsInWindow * bloomPerEvent / 1e9, idsInWindow * setPerEvent / 1e9);
        Figures.print("dedup", "Bloom filter bytes per event (p=" + rate + ")", "%.2f", bloomPerEvent);
        Figures.print("dedup", "exact set bytes per event", "%.1f", setPerEvent);
        Figures.print("dedup", "false-drop rate measured at capacity", "%.4f %%", measured * 100);
        Figures.print(
                "dedup", "memory at 1 M events/s, 2 h window (Bloom)", "%.1f GB", idsInWindow * bloomPerEvent / 1e9);
        Figures.print(
                "dedup", "memory at 1 M events/s, 2 h window (exact set)", "%.0f GB", idsInWindow * setPerEvent / 1e9);
    }

    // Sets the id's bits: OR is not a BITFIELD operation, so each of its bits is set on its own.
    private static String[] set(DedupFilter.Probe probe) {
        List<String> args = new ArrayList<>();
        long block = Long.parseLong(probe.word0().substring(1)) / 2;
        long mask = probe.mask0() | probe.mask1() << 32;
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & 1L << bit) != 0) {
                // word a holds bits 0-31 of the mask, most significant bit first in Redis' bit order
                long offset = block * 64 + (bit < 32 ? 31 - bit : 32 + 63 - bit);
                args.add("SET");
                args.add("u1");
                args.add(Long.toString(offset));
                args.add("1");
            }
        }
        return args.toArray(String[]::new);
    }
}
