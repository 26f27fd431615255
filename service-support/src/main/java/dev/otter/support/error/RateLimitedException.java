package dev.otter.support.error;

/** A 429: the caller must wait {@link #retryAfterSeconds()} (sent as {@code Retry-After}). */
public class RateLimitedException extends RetryLaterException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(CommonError.RATE_LIMITED, detail, retryAfterSeconds);
    }
}
