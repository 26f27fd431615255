package dev.otter.delta;

/**
 * What a made patch is: the base and target it joins (sha256 and size), its own size and sha256,
 * and how much of the target it copies from the base rather than carrying.
 */
public record PatchInfo(
        String baseSha256,
        long baseSize,
        String targetSha256,
        long targetSize,
        String patchSha256,
        long patchSize,
        long copiedBytes,
        long literalBytes) {

    /** Patch size as a share of the full target. */
    public double ratio() {
        return targetSize == 0 ? 0 : (double) patchSize / targetSize;
    }
}
