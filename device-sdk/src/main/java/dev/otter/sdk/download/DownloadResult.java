package dev.otter.sdk.download;

/** What {@code download} did, and why it stopped where it did. */
public final class DownloadResult {
    /** Where a download stands. */
    public enum Outcome {
        /** The model is verified and pending: it is switched to at the next session start. */
        READY,
        /** Stopped before the end (the listener paused it, or the network went): the next call resumes. */
        PAUSED,
        /** The decision needs the user's confirmation first (show its notice). */
        NEEDS_CONSENT,
        /** The decision downloads only on an unmetered network, and the device is not on one. */
        WAITING_FOR_UNMETERED,
        /** Not enough free storage for the new model beside the current one. */
        NOT_ENOUGH_STORAGE,
        /** The file did not match its sha256 and was discarded (reported); the next call starts over. */
        VERIFY_FAILED,
        /** The decision downloads nothing (NO_UPDATE, or the model is already here). */
        NOTHING_TO_DO
    }

    private final Outcome outcome;
    private final long fetched;
    private final boolean resumed;
    private final boolean patched;
    private final boolean patchFailed;

    DownloadResult(Outcome outcome, long fetched, boolean resumed, boolean patched, boolean patchFailed) {
        this.outcome = outcome;
        this.fetched = fetched;
        this.resumed = resumed;
        this.patched = patched;
        this.patchFailed = patchFailed;
    }

    static DownloadResult of(Outcome outcome) {
        return new DownloadResult(outcome, 0, false, false, false);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Bytes fetched by this call (a patch's bytes when a patch was used). */
    public long fetched() {
        return fetched;
    }

    /** Whether it continued a download left unfinished. */
    public boolean resumed() {
        return resumed;
    }

    /** Whether the model was made from a patch of the installed one. */
    public boolean patched() {
        return patched;
    }

    /** Whether a patch failed to apply (the full file was fetched instead, in the same call). */
    public boolean patchFailed() {
        return patchFailed;
    }

    DownloadResult plus(DownloadResult next) {
        return new DownloadResult(
                next.outcome,
                fetched + next.fetched,
                resumed || next.resumed,
                next.patched,
                patchFailed || next.patchFailed);
    }
}
