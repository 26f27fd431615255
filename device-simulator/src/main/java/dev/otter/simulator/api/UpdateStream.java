package dev.otter.simulator.api;

import dev.otter.sdk.stream.Reconnect;
import dev.otter.sdk.stream.StreamEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One simulated device's update stream: the SDK's reading of the events ({@link StreamEvents}) and
 * its reconnect policy ({@link Reconnect}) on {@code java.net.http}'s asynchronous client, so one
 * process holds thousands of streams without a thread each (the SDK's own {@code UpdateStream}
 * holds one with a thread, which is what an app needs). {@link #reopen()} reconnects at once.
 */
public final class UpdateStream implements AutoCloseable {
    private static final ScheduledExecutorService RECONNECTS = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "update-stream-reconnect");
        t.setDaemon(true);
        return t;
    });
    private static final AtomicLong SIGNALS = new AtomicLong();

    private final HttpClient http;
    private final String baseUrl;
    private final String appKey;
    private final Supplier<String> query;
    private final StreamEvents events;
    private final Reconnect reconnect = new Reconnect();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger generation =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile Flow.Subscription subscription;

    UpdateStream(HttpClient http, String baseUrl, String appKey, Supplier<String> query, Runnable onCheckNow) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.appKey = appKey;
        this.query = query;
        this.events = new StreamEvents(
                (event, data) -> {
                    if ("check-now".equals(event)) {
                        SIGNALS.incrementAndGet();
                        onCheckNow.run();
                    }
                },
                1_000);
    }

    /** "check now" events received by every stream of this process. */
    public static long signalsReceived() {
        return SIGNALS.get();
    }

    void connect() {
        if (closed) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/updates/stream?" + query.get()))
                .header("Accept", "text/event-stream")
                .header("Otter-App-Key", appKey)
                .GET();
        if (events.lastEventId() != null) {
            request.header("Last-Event-ID", events.lastEventId());
        }
        int exchange = generation.incrementAndGet();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()))
                .whenComplete((response, failure) -> {
                    if (exchange == generation.get()) { // a reopened stream's old exchange is ignored
                        ended(
                                response == null ? 0 : response.statusCode(),
                                response == null
                                        ? -1
                                        : response.headers()
                                                .firstValueAsLong("Retry-After")
                                                .orElse(-1));
                    }
                });
    }

    /** Reconnects now with a fresh query (the device installed another version). */
    public void reopen() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
            connect(); // the cancelled exchange is now stale: its end is ignored
        }
    }

    private void ended(int status, long retryAfterSeconds) {
        subscription = null;
        if (!closed) {
            long delay = reconnect.delay(status, retryAfterSeconds, events.retryMillis());
            RECONNECTS.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Hands the event stream's lines to the SDK's reader. */
    private final class Lines implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            events.line(line);
        }

        @Override
        public void onError(Throwable throwable) {
            // ended() sees the exchange complete exceptionally and reconnects
        }

        @Override
        public void onComplete() {
            // ended() reconnects
        }
    }

    /** Factory on a client's HTTP connection pool. */
    public static UpdateStream open(OtterClient client, Supplier<String> query, Runnable onCheckNow) {
        UpdateStream stream = client.stream(query, onCheckNow);
        stream.connect();
        return stream;
    }
}
