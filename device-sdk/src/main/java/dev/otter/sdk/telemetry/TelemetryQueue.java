package dev.otter.sdk.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otter.sdk.net.Transport;
import dev.otter.sdk.store.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Telemetry waiting to be sent, on disk so a restart loses nothing, and only with the user's
 * consent (T/ISC 8.2: without it nothing is kept and nothing leaves the device).
 *
 * <p>Events are appended to {@code queue.jsonl} (a kill mid-append loses at most that line, which
 * is skipped on reading) and sent in batches. An event id queued already is not queued twice. A
 * batch stays queued until Otter answers 202 — after a 429 or 503 (or no answer) it is sent again
 * no earlier than {@code Retry-After} (else an exponential back-off), with the same event ids, so
 * Otter counts every event once however often it arrives. Events Otter refuses as invalid leave
 * the queue: sending them again cannot help.
 */
public final class TelemetryQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_SECONDS = 300;

    private final Path dir;
    private final Transport transport;
    private final String url;
    private final Map<String, String> headers;
    private final AtomicFiles files;
    private final int capacity;
    private final int batchSize;
    private final List<Event> queue = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private boolean consent;
    private Instant retryAt;
    private int failures;
    private long dropped;

    /**
     * @param url Otter's {@code /v1/telemetry/events}
     * @param headers sent with every batch (the app key)
     * @param capacity events kept at most; beyond it the oldest are dropped (and counted)
     * @param batchSize events per request (Otter takes at most 500)
     */
    public TelemetryQueue(
            Path dir,
            Transport transport,
            String url,
            Map<String, String> headers,
            AtomicFiles files,
            int capacity,
            int batchSize)
            throws IOException {
        this.dir = dir;
        this.transport = transport;
        this.url = url;
        this.headers = new LinkedHashMap<>(headers);
        this.files = files;
        this.capacity = capacity;
        this.batchSize = batchSize;
        Files.createDirectories(dir);
        this.consent = Files.exists(dir.resolve("consent"));
        load();
    }

    /** Records the user's choice; withdrawing consent also deletes what was queued. */
    public synchronized void setConsent(boolean given) throws IOException {
        if (given == consent) {
            return;
        }
        consent = given;
        if (given) {
            files.write(dir.resolve("consent"), "given".getBytes(StandardCharsets.UTF_8));
        } else {
            Files.deleteIfExists(dir.resolve("consent"));
            queue.clear();
            ids.clear();
            Files.deleteIfExists(dir.resolve("queue.jsonl"));
        }
    }

    public synchronized boolean consent() {
        return consent;
    }

    /** Queues an event; false when it is not kept (no consent, or its id is queued already). */
    public synchronized boolean record(Event event) throws IOException {
        if (!consent || !ids.add(event.id())) {
            return false;
        }
        queue.add(event);
        try (FileOutputStream out =
                new FileOutputStream(dir.resolve("queue.jsonl").toFile(), true)) {
            out.write(line(event));
        }
        if (queue.size() > capacity) {
            int over = queue.size() - capacity;
            remove(new ArrayList<>(queue.subList(0, over)));
            dropped += over;
        }
        return true;
    }

    /** Events waiting. */
    public synchronized int size() {
        return queue.size();
    }

    /** Events dropped because the queue was full (the device was offline for long). */
    public synchronized long dropped() {
        return dropped;
    }

    /** Sends what is queued, batch by batch, unless Otter asked to wait until after {@code now}. */
    public synchronized FlushResult flush(Instant now) throws IOException {
        List<Event> accepted = new ArrayList<>();
        int refused = 0;
        if (!consent || retryAt != null && now.isBefore(retryAt)) {
            return new FlushResult(accepted, 0, retryAt, queue.size());
        }
        retryAt = null;
        while (!queue.isEmpty()) {
            List<Event> batch = new ArrayList<>(queue.subList(0, Math.min(batchSize, queue.size())));
            Sent sent = send(batch);
            if (sent.status == 202) {
                failures = 0;
                for (int i = 0; i < batch.size(); i++) {
                    if (!sent.rejected.contains(i)) {
                        accepted.add(batch.get(i));
                    }
                }
                refused += sent.rejected.size();
                remove(batch);
            } else if (sent.status == 400 || sent.status == 413 && batch.size() == 1) {
                refused += batch.size(); // nothing in it can ever be accepted
                remove(batch);
            } else {
                retryAt = now.plusSeconds(sent.retryAfter >= 0 ? sent.retryAfter : backoff());
                break;
            }
        }
        return new FlushResult(accepted, refused, retryAt, queue.size());
    }

    private long backoff() {
        failures++;
        return Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(failures, 16));
    }

    private static final class Sent {
        final int status;
        final long retryAfter;
        final Set<Integer> rejected = new HashSet<>();

        Sent(int status, long retryAfter) {
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    private Sent send(List<Event> batch) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        batch.forEach(e -> events.add(JSON.valueToTree(e.fields())));
        try (Transport.Response r = transport.post(url, JSON.writeValueAsBytes(body), headers)) {
            Sent sent = new Sent(r.status(), retryAfter(r.header("Retry-After")));
            byte[] answer = r.bytes();
            if (r.status() == 202) {
                for (JsonNode rejected : JSON.readTree(answer).path("rejected")) {
                    sent.rejected.add(rejected.path("index").asInt());
                }
            }
            return sent;
        } catch (IOException e) {
            return new Sent(-1, -1); // no answer: keep the batch, back off
        }
    }

    private static long retryAfter(String header) {
        try {
            return header == null ? -1 : Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return -1; // an HTTP date: back off instead
        }
    }

    private void remove(List<Event> sent) throws IOException {
        Set<String> gone = new HashSet<>();
        sent.forEach(e -> gone.add(e.id()));
        queue.removeIf(e -> gone.contains(e.id()));
        ids.removeAll(gone);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Event e : queue) {
            all.write(line(e));
        }
        files.write(dir.resolve("queue.jsonl"), all.toByteArray());
    }

    private static byte[] line(Event e) throws IOException {
        byte[] json = JSON.writeValueAsBytes(e.fields());
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    @SuppressWarnings("unchecked")
    private void load() throws IOException {
        Path file = dir.resolve("queue.jsonl");
        if (!Files.exists(file)) {
            return;
        }
        for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
            try {
                Event e = Event.of(JSON.readValue(line, LinkedHashMap.class));
                if (ids.add(e.id())) {
                    queue.add(e);
                }
            } catch (IOException | IllegalArgumentException torn) {
                // the last line of a kill mid-append: that one event is lost, never the others
            }
        }
    }
}
