package dev.otter.telemetry.ingest.api;

/** Why one event of a batch was refused; the others are kept. */
public record Rejection(int index, String eventId, Code code, String reason) {

    /** Stable per-event codes. */
    public enum Code {
        /** The user did not consent to reporting; nothing of it is kept. */
        NO_CONSENT,
        /** A field looks like personal data (e-mail, phone, IP or MAC address, IMEI) or is a personal field. */
        PERSONAL_DATA,
        /** A field this API does not know. */
        UNKNOWN_FIELD,
        /** A required field is missing. */
        MISSING_FIELD,
        /** A field has the wrong type or an invalid value. */
        INVALID_FIELD,
        /** The batch carries this event id twice. */
        DUPLICATE_IN_BATCH
    }
}
