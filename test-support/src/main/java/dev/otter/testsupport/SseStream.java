package dev.otter.testsupport;

import dev.otter.contract.AppKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A test client of the update stream: reads Server-Sent Events into a queue on a thread of its own. */
public final class SseStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One event as received. */
    public record Event(String name, String id, String data, long receivedNanos) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger comments = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long retryMillis = -1;
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private SseStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream; {@code headers} adds to (or, with a null app key, replaces) the defaults. */
    public static SseStream open(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(5));
        request.header("Accept", "text/event-stream");
        if (!headers.containsKey(AppKeys.HEADER)) {
            request.header(AppKeys.HEADER, TestAppKey.KEY);
        }
        headers.forEach((k, v) -> {
            if (v != null) {
                request.header(k, v);
            }
        });
        return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public int status() {
        return response.statusCode();
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** Comment lines (heartbeats) received so far. */
    public int comments() {
        return comments.get();
    }

    /** The reconnect delay the server asked for ({@code retry:}), -1 before it did. */
    public long retryMillis() {
        return retryMillis;
    }

    /** The next event, or null when none arrives within {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, id, data.toString(), System.nanoTime()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet(); // a heartbeat
                } else if (line.startsWith("retry: ")) {
                    retryMillis = Long.parseLong(line.substring(7).strip());
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (RuntimeException e) {
            // closed by the test
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
