package dev.otter.support.device;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests per key in fixed windows and refuses a key's requests past the limit until its
 * window ends. Memory is one counter per key seen in the current window: the whole map is dropped
 * when the window turns, so idle keys cost nothing. A fixed window lets a key send up to twice the
 * limit across a boundary; that is the price of one map lookup per request and no timers.
 */
public final class FixedWindowLimiter {
    private final int limit;
    private final long windowMillis;
    private volatile Window window;

    /** At most {@code limit} requests per key in each window of {@code windowMillis}. */
    public FixedWindowLimiter(int limit, long windowMillis) {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.window = new Window(0);
    }

    /** Counts one request for {@code key}: 0 if allowed, else the seconds until it may retry (≥ 1). */
    public long acquire(String key, long nowMillis) {
        Window current = current(nowMillis);
        int count =
                current.counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (count <= limit) {
            return 0;
        }
        long remaining = current.start + windowMillis - nowMillis;
        return Math.max(1, (remaining + 999) / 1000);
    }

    /** How many keys the current window holds (for tests and diagnostics). */
    public int trackedKeys() {
        return window.counts.size();
    }

    private Window current(long nowMillis) {
        long start = nowMillis - Math.floorMod(nowMillis, windowMillis);
        Window current = window;
        if (current.start == start) {
            return current;
        }
        synchronized (this) {
            if (window.start != start) {
                window = new Window(start);
            }
            return window;
        }
    }

    private static final class Window {
        final long start;
        final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        Window(long start) {
            this.start = start;
        }
    }
}
