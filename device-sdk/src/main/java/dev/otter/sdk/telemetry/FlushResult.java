package dev.otter.sdk.telemetry;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** What one {@link TelemetryQueue#flush} did: events Otter accepted, events it refused for good, and when to try again. */
public final class FlushResult {
    private final List<Event> accepted;
    private final int refused;
    private final Instant retryAt;
    private final int left;

    FlushResult(List<Event> accepted, int refused, Instant retryAt, int left) {
        this.accepted = Collections.unmodifiableList(accepted);
        this.refused = refused;
        this.retryAt = retryAt;
        this.left = left;
    }

    /** The events Otter took (they left the queue). */
    public List<Event> accepted() {
        return accepted;
    }

    /** Events Otter refused as invalid (they left the queue: sending them again cannot help). */
    public int refused() {
        return refused;
    }

    /** When Otter asked to be left alone until (429/503, or a network failure), or null. */
    public Instant retryAt() {
        return retryAt;
    }

    /** Events still queued. */
    public int left() {
        return left;
    }
}
