package dev.otter.simulator.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One device's update stream, as an SDK holds it: reads Server-Sent Events, calls back on {@code
 * check-now}, and when the stream ends or is refused reconnects — after the server's {@code retry:}
 * when it ended, with exponential back-off and jitter when it was refused — resuming with {@code
 * Last-Event-ID}. {@link #reopen()} reconnects at once (the installed version changed).
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
    private final Runnable onCheckNow;
    private volatile String lastEventId;
    private volatile long retryMillis = 1_000;
    private volatile int failures;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger generation =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile Flow.Subscription subscription;

    UpdateStream(HttpClient http, String baseUrl, String appKey, Supplier<String> query, Runnable onCheckNow) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.appKey = appKey;
        this.query = query;
        this.onCheckNow = onCheckNow;
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
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        int exchange = generation.incrementAndGet();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()))
                .whenComplete((response, failure) -> {
                    if (exchange == generation.get()) { // a reopened stream's old exchange is ignored
                        ended(response == null ? 0 : response.statusCode());
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

    private void ended(int status) {
        subscription = null;
        if (closed) {
            return;
        }
        long delay;
        if (status == 200) {
            failures = 0;
            delay = retryMillis;
        } else {
            failures = Math.min(failures + 1, 5);
            long cap = 1_000L << failures; // 2, 4, … 32 s
            delay = ThreadLocalRandom.current().nextLong(cap / 2, cap);
        }
        RECONNECTS.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Parses the event stream line by line. */
    private final class Lines implements Flow.Subscriber<String> {
        private String event = "message";
        private String id;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (id != null) {
                    lastEventId = id;
                }
                if ("check-now".equals(event)) {
                    SIGNALS.incrementAndGet();
                    onCheckNow.run();
                }
                event = "message";
                id = null;
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("retry: ")) {
                retryMillis = Long.parseLong(line.substring(7).strip());
            }
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
