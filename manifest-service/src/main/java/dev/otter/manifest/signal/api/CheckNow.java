package dev.otter.manifest.signal.api;

import dev.otter.manifest.signal.SignalReason;
import java.time.Instant;
import java.util.List;

/**
 * The signed body of a {@code check-now} stream event: do a normal update check now, because of
 * {@code reason} for {@code families}. {@code revision} is the catalog revision the server decided
 * from (an answer older than it is stale). Identical for every device in the same situation within
 * a second, so its signature is computed once.
 */
public record CheckNow(String type, SignalReason reason, List<String> families, long revision, Instant issuedAt) {

    /** The event name on the stream and the {@code type} of the body. */
    public static final String EVENT = "check-now";

    public CheckNow {
        families = List.copyOf(families);
    }
}
