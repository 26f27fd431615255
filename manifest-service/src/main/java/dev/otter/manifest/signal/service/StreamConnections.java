package dev.otter.manifest.signal.service;

import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.signal.SignalError;
import dev.otter.support.error.RetryLaterException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streams this instance holds (in memory only: each instance hears every change on Redis
 * pub/sub and signals its own streams), the per-instance cap, and the heartbeats.
 */
@ApplicationScoped
public class StreamConnections {
    private static final String HEARTBEAT = ":\n\n";

    private final Set<StreamConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private final ManifestConfig.Stream config;

    public StreamConnections(ManifestConfig config) {
        this.config = config.stream();
    }

    /**
     * Reserves a place for one more stream, or refuses with 503 and a Retry-After spread over the
     * reconnect window (so refused devices do not all come back in the same second).
     */
    public void reserve() {
        if (reserved.incrementAndGet() > config.maxConnections()) {
            reserved.decrementAndGet();
            long max = Math.max(2, config.reconnectMax().toSeconds());
            throw new RetryLaterException(
                    SignalError.STREAM_CAPACITY,
                    "this instance holds " + config.maxConnections() + " streams; reconnect later",
                    ThreadLocalRandom.current().nextLong(1, max + 1));
        }
    }

    /** Gives back a reservation that did not become a stream. */
    public void release() {
        reserved.decrementAndGet();
    }

    void add(StreamConnection connection) {
        open.add(connection);
    }

    void remove(StreamConnection connection) {
        if (open.remove(connection)) {
            reserved.decrementAndGet();
        }
    }

    /** The open streams (a live view). */
    public Collection<StreamConnection> all() {
        return open;
    }

    public int size() {
        return open.size();
    }

    /** A comment line on every stream: proxies and NATs see traffic, clients see the server is there. */
    @Scheduled(
            every = "${otter.manifest.stream.heartbeat}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        for (StreamConnection c : open) {
            c.write(HEARTBEAT, true);
        }
    }
}
