package dev.otter.telemetry.aggregate.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The size and the probes of the event-id dedup filter: a register-blocked Bloom filter per Kafka
 * partition and hour, kept in Redis as a bitmap that {@link CounterStore}'s script reads and sets.
 * Each id sets {@code k} bits inside one 64-bit block (two 32-bit words, so the script needs one
 * {@code BITFIELD} call per filter instead of one argument per bit: the classic layout cost three
 * times the counting script's time). Sized for {@code capacity} events per partition-hour at a
 * false-drop rate {@code p} — the chance that a new event is taken for a re-sent one — with the
 * fewest bits per event that reach it (about 24 bits for 0.1 %). A false drop is independent of what
 * the event says, so it loses a tiny uniform share of events and biases no rate.
 *
 * <p>Hand-written because the filter lives in Redis, set by the counting script itself (stock Redis
 * has no Bloom filter type); only the sizing and the bit positions are here.
 */
public final class DedupFilter {
    /** Redis bitmaps hold at most 2³² bits (512 MiB). */
    static final long MAX_BITS = 1L << 32;

    private static final int BLOCK = 64;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final long blocks;
    private final int hashes;

    /** Where one id's bits are: two 32-bit words ({@code #n} offsets) and the bits to test and set in each. */
    public record Probe(String word0, String word1, long mask0, long mask1) {}

    /** A filter for {@code capacity} events per partition-hour at false-drop rate {@code p}. */
    public DedupFilter(long capacity, double falseDropRate) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the dedup capacity must be at least 1, not " + capacity);
        }
        if (!(falseDropRate > 0 && falseDropRate < 0.5)) {
            throw new IllegalArgumentException("the false-drop rate must be in (0, 0.5), not " + falseDropRate);
        }
        for (int bitsPerEvent = 4; bitsPerEvent <= 64; bitsPerEvent++) {
            int k = bestHashes((double) BLOCK / bitsPerEvent);
            if (falseDropRate((double) BLOCK / bitsPerEvent, k) <= falseDropRate) {
                long total = (capacity * bitsPerEvent + BLOCK - 1) / BLOCK * BLOCK;
                if (total > MAX_BITS) {
                    throw new IllegalArgumentException("a dedup filter for " + capacity
                            + " events per partition-hour at " + falseDropRate + " needs " + total
                            + " bits, over Redis' 2^32: add partitions or accept a higher rate");
                }
                this.blocks = total / BLOCK;
                this.hashes = k;
                return;
            }
        }
        throw new IllegalArgumentException("no filter reaches a false-drop rate of " + falseDropRate);
    }

    /** Bits of one partition-hour's filter. */
    public long bits() {
        return blocks * BLOCK;
    }

    /** The filter's layout as a name part, e.g. {@code b24000000k8}: filters of another layout are other keys. */
    public String geometry() {
        return "b" + bits() + "k" + hashes;
    }

    /** Bits set per event id. */
    public int hashes() {
        return hashes;
    }

    /** Where an event id's bits are: one block picked by the id, {@code k} distinct bits in it. */
    public Probe probe(String eventId) {
        ByteBuffer digest = ByteBuffer.wrap(SHA256.get().digest(eventId.getBytes(StandardCharsets.UTF_8)));
        long block = Math.floorMod(digest.getLong(), blocks);
        long mask = 0;
        int set = 0;
        while (set < hashes && digest.remaining() >= Long.BYTES) {
            long bits = digest.getLong();
            for (int chunk = 0; chunk < 10 && set < hashes; chunk++, bits >>>= 6) {
                long bit = 1L << (bits & 63);
                if ((mask & bit) == 0) {
                    mask |= bit;
                    set++;
                }
            }
        }
        return new Probe("#" + 2 * block, "#" + (2 * block + 1), mask & 0xFFFF_FFFFL, mask >>> 32);
    }

    /** The false-drop rate once {@code events} ids are in one filter (it rises past the capacity). */
    public double falseDropRateAt(long events) {
        return falseDropRate((double) events / blocks, hashes);
    }

    private static int bestHashes(double lambda) {
        int best = 1;
        for (int k = 2; k <= 16; k++) {
            if (falseDropRate(lambda, k) < falseDropRate(lambda, best)) {
                best = k;
            }
        }
        return best;
    }

    // A blocked Bloom filter: the ids per block are Poisson-distributed around lambda; a probe is a
    // false drop when its k bits are all set by the i ids already in its block.
    private static double falseDropRate(double lambda, int k) {
        double total = 0;
        double poisson = Math.exp(-lambda);
        for (int i = 0; i < 200; i++) {
            if (i > 0) {
                poisson *= lambda / i;
            }
            total += poisson * Math.pow(1 - Math.pow(1 - 1.0 / BLOCK, (double) i * k), k);
        }
        return total;
    }
}
