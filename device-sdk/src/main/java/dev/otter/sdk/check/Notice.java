package dev.otter.sdk.check;

import java.time.Duration;

/**
 * What the app must show the user before an update (T/ISC 5.1): what it contains, how much it
 * downloads and roughly how long that takes, whether it is urgent and why.
 */
public final class Notice {
    private final String releaseNotes;
    private final String changeSummary;
    private final boolean urgent;
    private final String urgentReason;
    private final String reason;
    private final long downloadBytes;
    private final Duration expectedTime;

    Notice(
            String releaseNotes,
            String changeSummary,
            boolean urgent,
            String urgentReason,
            String reason,
            long downloadBytes,
            Duration expectedTime) {
        this.releaseNotes = releaseNotes;
        this.changeSummary = changeSummary;
        this.urgent = urgent;
        this.urgentReason = urgentReason;
        this.reason = reason;
        this.downloadBytes = downloadBytes;
        this.expectedTime = expectedTime;
    }

    /** The version's release notes, or null. */
    public String releaseNotes() {
        return releaseNotes;
    }

    /** A one-line summary of the change, or null. */
    public String changeSummary() {
        return changeSummary;
    }

    public boolean urgent() {
        return urgent;
    }

    /** Why it is urgent (e.g. a security fix), or null. */
    public String urgentReason() {
        return urgentReason;
    }

    /** Why Otter decided this ({@code NEWER_VERSION: update to 2.1.0}). */
    public String reason() {
        return reason;
    }

    /** What this device will download: the patch when one applies to its file, else the full file (0 for a rollback to the kept model). */
    public long downloadBytes() {
        return downloadBytes;
    }

    /** The download's expected duration at the speed this device measured (or an assumed 2 MB/s before it has). */
    public Duration expectedTime() {
        return expectedTime;
    }
}
