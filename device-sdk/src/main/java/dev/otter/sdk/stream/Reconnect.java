package dev.otter.sdk.stream;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When to reconnect the update stream: after a stream that ended, the server's {@code retry:}
 * delay; after a refusal or no answer, its {@code Retry-After} when it gave one (503
 * STREAM_CAPACITY), else an exponential back-off with jitter (1–2 s, 2–4 s, … up to 16–32 s), so a
 * fleet that lost its server does not come back all at once.
 */
public final class Reconnect {
    private int failures;

    /**
     * @param status the stream's HTTP status, or 0 when there was no answer
     * @param retryAfterSeconds the refusal's {@code Retry-After}, or a negative number
     * @param retryMillis the stream's last {@code retry:}
     * @return milliseconds to wait
     */
    public synchronized long delay(int status, long retryAfterSeconds, long retryMillis) {
        if (status == 200) {
            failures = 0;
            return retryMillis;
        }
        failures = Math.min(failures + 1, 5);
        if (retryAfterSeconds >= 0) {
            return retryAfterSeconds * 1000;
        }
        long cap = 1_000L << failures;
        return ThreadLocalRandom.current().nextLong(cap / 2, cap);
    }
}
