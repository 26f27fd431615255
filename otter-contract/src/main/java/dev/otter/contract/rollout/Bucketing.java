package dev.otter.contract.rollout;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Sticky user buckets. A device's bucket in a rollout is
 *
 * <pre>
 *   bucket = unsigned(MurmurHash3_x86_32(utf8(salt + ":" + installId), seed 0)) mod 10 000
 * </pre>
 *
 * so 1 bucket = 0.01 % of the fleet. A device is in a rollout's percentage when {@code bucket <
 * basisPoints}: raising 5 % → 10 % keeps every device of the 5 %, lowering drops only the highest
 * buckets. Each rollout has its own random salt, so two rollouts' cohorts are independent. The
 * A/B variant uses a second, independent hash ({@code salt + ":variant:" + installId}), so changing
 * the percentage never moves a device between variants.
 */
public final class Bucketing {
    /** Number of buckets: 100 % in basis points. */
    public static final int BUCKETS = 10_000;

    private Bucketing() {}

    /** The device's bucket in [0, 10 000) for a rollout salt. */
    public static int bucket(String salt, String installId) {
        return hash(salt + ":" + installId);
    }

    /** The device's variant bucket in [0, 10 000), independent of {@link #bucket}. */
    public static int variantBucket(String salt, String installId) {
        return hash(salt + ":variant:" + installId);
    }

    /** The raw hash, exposed for pinned test vectors. */
    public static int murmur3(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32x86(data, 0, data.length, 0);
    }

    private static int hash(String text) {
        return (int) (Integer.toUnsignedLong(murmur3(text)) % BUCKETS);
    }
}
