package dev.otter.manifest.signal.service;

import dev.otter.manifest.config.ManifestConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends queued signals at a bounded rate, so that the update checks they cause arrive spread out:
 * at least {@code signal-rate} per second, faster only as much as needed for everything queued to
 * leave within {@code signal-window}. A change that concerns a handful of devices reaches them at once.
 */
@ApplicationScoped
public class SignalPacer {
    private static final long TICK_MS = 20;

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Vertx vertx;
    private final int minRate;
    private final double windowSeconds;
    private volatile double rate;
    private double credit;

    @Inject
    public SignalPacer(Vertx vertx, ManifestConfig config) {
        this(vertx, config.stream().signalRate(), config.stream().signalWindow());
    }

    SignalPacer(Vertx vertx, int minRate, java.time.Duration window) {
        this.vertx = vertx;
        this.minRate = minRate;
        this.windowSeconds = Math.max(0.001, window.toMillis() / 1000.0);
        this.rate = minRate;
    }

    /** One signal to send (a frame written to one stream). */
    record Pending(Runnable send) {

        static Pending of(StreamConnection connection, String frame) {
            return new Pending(() -> connection.write(frame, false));
        }
    }

    /** Queues signals; the rate is raised (never lowered while a backlog drains) to fit the window. */
    void enqueue(List<Pending> signals) {
        if (signals.isEmpty()) {
            return;
        }
        queue.addAll(signals);
        int backlog = queued.addAndGet(signals.size());
        rate = Math.max(rate, Math.max(minRate, backlog / windowSeconds));
        if (draining.compareAndSet(false, true)) {
            vertx.runOnContext(v -> tick());
        }
    }

    /** Signals waiting to be sent. */
    public int backlog() {
        return queued.get();
    }

    // Runs on one event loop at a time (timers chain), so credit needs no lock.
    private void tick() {
        credit += rate * TICK_MS / 1000.0;
        while (credit >= 1) {
            Pending p = queue.poll();
            if (p == null) {
                break;
            }
            queued.decrementAndGet();
            p.send().run();
            credit -= 1;
        }
        if (queue.isEmpty()) {
            credit = 0;
            rate = minRate;
            draining.set(false);
            // A signal queued between the poll and the flag: pick it up.
            if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
                vertx.setTimer(TICK_MS, id -> tick());
            }
            return;
        }
        vertx.setTimer(TICK_MS, id -> tick());
    }
}
