package dev.otter.sdk.download;

/** Told how a download advances; returning false pauses it (resumed, not restarted, next time). */
public interface ProgressListener {
    /** A listener that never pauses. */
    ProgressListener NONE = (done, total) -> true;

    /**
     * @param done bytes on the device so far
     * @param total bytes of the whole file
     * @return whether to go on
     */
    boolean onProgress(long done, long total);
}
