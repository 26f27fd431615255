package dev.otter.sdk.stream;

import dev.otter.sdk.net.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Holds Otter's update stream ({@code GET /v1/updates/stream}) open on a thread of its own, so a
 * rollback reaches a running app within seconds: calls back on {@code check-now}, and reconnects
 * when the stream ends or is refused ({@link Reconnect}), resuming with {@code Last-Event-ID}.
 * {@link #reopen()} reconnects at once with a fresh query (the installed version changed).
 */
public final class UpdateStream implements AutoCloseable {
    private final Transport transport;
    private final String baseUrl;
    private final Map<String, String> headers;
    private final Supplier<String> query;
    private final Runnable onCheckNow;
    private final StreamEvents events;
    private final Reconnect reconnect = new Reconnect();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Transport.Response open;
    private volatile int checkNows;

    /**
     * @param query the stream's query string (the update check's facts and the installed versions)
     * @param onCheckNow what to do on {@code check-now}: an update check
     */
    public UpdateStream(
            Transport transport,
            String baseUrl,
            Map<String, String> headers,
            Supplier<String> query,
            Runnable onCheckNow) {
        this.transport = transport;
        this.baseUrl = baseUrl;
        this.headers = headers;
        this.query = query;
        this.onCheckNow = onCheckNow;
        this.events = new StreamEvents(this::onEvent, 1_000);
        this.thread = new Thread(this::run, "otter-update-stream");
        thread.setDaemon(true);
    }

    /** Connects (on the stream's own thread). */
    public UpdateStream start() {
        thread.start();
        return this;
    }

    /** {@code check-now} events received so far. */
    public int checkNows() {
        return checkNows;
    }

    private void onEvent(String event, String data) {
        if ("check-now".equals(event)) {
            checkNows++;
            onCheckNow.run();
        }
    }

    private void run() {
        while (!closed) {
            long delay;
            try {
                delay = once();
            } catch (IOException e) {
                delay = reconnect.delay(0, -1, events.retryMillis());
            }
            sleep(delay);
        }
    }

    // One connection, read until it ends; returns how long to wait before the next.
    private long once() throws IOException {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Accept", "text/event-stream");
        if (events.lastEventId() != null) {
            h.put("Last-Event-ID", events.lastEventId());
        }
        try (Transport.Response r = transport.get(baseUrl + "/v1/updates/stream?" + query.get(), 0, h)) {
            open = r;
            if (r.status() != 200) {
                return reconnect.delay(r.status(), retryAfter(r.header("Retry-After")), events.retryMillis());
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            for (String line; !closed && (line = lines.readLine()) != null; ) {
                events.line(line);
            }
            return reconnect.delay(200, -1, events.retryMillis());
        } catch (IOException e) {
            if (open == null) {
                throw e; // no answer at all
            }
            return reconnect.delay(200, -1, events.retryMillis()); // the stream broke or was reopened
        } finally {
            open = null;
        }
    }

    private static long retryAfter(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // reopen() or close(): go on at once
        }
    }

    /** Reconnects now with a fresh query. */
    public void reopen() {
        Transport.Response r = open;
        if (r != null) {
            try {
                r.close(); // the reading thread sees the stream end and reconnects
            } catch (IOException ignored) {
                // closing a broken stream: nothing left to release
            }
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        closed = true;
        reopen();
    }
}
