package dev.otter.support.error;

/** A refusal that says when to come back: sent with {@code Retry-After} (429, or 503 when a service is full). */
public class RetryLaterException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RetryLaterException(ErrorCode code, String detail, long retryAfterSeconds) {
        super(code, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until the caller may try again, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
