package dev.otter.telemetry.ingest;

import dev.otter.support.error.ErrorCode;

/** Stable error codes of the telemetry API; the per-event rejection codes are {@code Rejection.Code}. */
public enum TelemetryError implements ErrorCode {
    /** Every event of the batch was rejected; {@code errors} says why, per event. */
    NO_VALID_EVENTS(400, "No valid events"),
    /** The batch has more events than allowed. */
    BATCH_TOO_LARGE(413, "Batch too large"),
    /** Kafka did not acknowledge the batch in time; nothing was accepted, send it again. */
    NOT_ACCEPTED(503, "Not accepted"),
    /** No release watch with this id is open (it never existed, or it ended). */
    RELEASE_WATCH_NOT_FOUND(404, "Release watch not found");

    private final int status;
    private final String title;

    TelemetryError(int status, String title) {
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
