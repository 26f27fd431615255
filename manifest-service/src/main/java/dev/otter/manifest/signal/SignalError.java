package dev.otter.manifest.signal;

import dev.otter.support.error.ErrorCode;

/** Error codes of the update stream. */
public enum SignalError implements ErrorCode {
    /** This instance holds as many streams as it may; reconnect after Retry-After (another instance may take it). */
    STREAM_CAPACITY(503, "Stream capacity reached"),
    /** No dead-lettered push signal has this id (it may have been delivered or retried already). */
    DELIVERY_NOT_FOUND(404, "Push delivery not found");

    private final int status;
    private final String title;

    SignalError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
