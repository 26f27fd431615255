package dev.otter.support.error;

/** A 429: the caller must wait {@link #retryAfterSeconds()} (sent as {@code Retry-After}). */
public class RateLimitedException extends ApiException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(CommonError.RATE_LIMITED, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until the caller may try again, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
