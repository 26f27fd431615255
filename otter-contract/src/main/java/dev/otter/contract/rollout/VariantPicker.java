package dev.otter.contract.rollout;

import java.util.List;

/**
 * Maps a variant bucket to a variant by weight: the 10 000 buckets are cut into consecutive
 * ranges proportional to the weights, in the order the variants are listed. Deterministic, and
 * independent of the rollout percentage.
 */
public final class VariantPicker {
    private final List<Variant> variants;
    private final int[] upperBounds;

    public VariantPicker(List<Variant> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one variant");
        }
        long total = variants.stream().mapToLong(Variant::weight).sum();
        if (total <= 0 || variants.stream().anyMatch(v -> v.weight() < 0)) {
            throw new IllegalArgumentException("variant weights must be non-negative with a positive sum");
        }
        this.variants = List.copyOf(variants);
        this.upperBounds = new int[variants.size()];
        long cumulative = 0;
        for (int i = 0; i < variants.size(); i++) {
            cumulative += variants.get(i).weight();
            upperBounds[i] = (int) (cumulative * Bucketing.BUCKETS / total);
        }
    }

    /** The variant owning a variant bucket in [0, 10 000). */
    public Variant pick(int variantBucket) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (variantBucket < upperBounds[i]) {
                return variants.get(i);
            }
        }
        return variants.get(variants.size() - 1);
    }
}
