package dev.otter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The telemetry benchmark against running services: (1) accepted events/s — batches of 500
 * session events posted by concurrent clients for a while — and counted events/s end to end (HTTP
 * → Kafka → counted, read from telemetry-service's counter metric); (2) the delay from a crash
 * burst's 202 to manifest-service answering ROLLBACK.
 *
 * <p>Usage: {@code TelemetryBench MANIFEST_URL ROLLOUT_URL TELEMETRY_URL SECONDS CONCURRENCY ROUNDS}
 */
public final class TelemetryBench {
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private TelemetryBench() {}

    /** The device key the script created for the "bench" application. */
    private static final String APP_KEY = System.getenv().getOrDefault("OTTER_APP_KEY", "");

    public static void main(String[] args) throws Exception {
        String manifest = args[0];
        String rollout = args[1];
        String telemetry = args[2];
        int seconds = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);

        throughput(List.of(telemetry), 5, concurrency, false); // warm-up
        throughput(List.of(telemetry), seconds, concurrency, true);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            delays.add(triggerToRollback(manifest, rollout, telemetry));
        }
        delays.sort(Long::compare);
        System.out.printf(
                "RESULT trigger-to-ROLLBACK (crash batch 202 -> manifest ROLLBACK), %d rounds: median %d ms, max %d ms %s%n",
                rounds, delays.get(delays.size() / 2), delays.get(delays.size() - 1), delays);
        Figures.print(
                "Telemetry",
                "crash batch 202 -> manifest answers ROLLBACK (" + rounds + " rounds)",
                "median %.1f s, max %.1f s",
                delays.get(delays.size() / 2) / 1000.0,
                delays.get(delays.size() - 1) / 1000.0);
    }

    /**
     * Posts batches from {@code concurrency} closed-loop clients, spread evenly over the instances at
     * {@code telemetryUrls}, for {@code seconds}; waits until every accepted event is counted (the
     * instances' counter metrics summed) and returns the counted events/s end to end.
     */
    static double throughput(List<String> telemetryUrls, int seconds, int concurrency, boolean report)
            throws Exception {
        double countedBefore = counted(telemetryUrls);
        double dropsBefore = falseDrops(telemetryUrls);
        Vertx vertx = Vertx.vertx();
        List<HttpClient> clients = new ArrayList<>();
        List<RequestOptions> targets = new ArrayList<>();
        for (String telemetry : telemetryUrls) {
            URI uri = URI.create(telemetry);
            clients.add(vertx.createHttpClient(
                    new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(Math.max(1, concurrency / telemetryUrls.size()))));
            targets.add(new RequestOptions()
                    .setHost(uri.getHost())
                    .setPort(uri.getPort())
                    .setURI("/v1/telemetry/events")
                    .setMethod(HttpMethod.POST)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Otter-App-Key", APP_KEY));
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            int i = c % clients.size();
            send(clients.get(i), targets.get(i), run, sequence, accepted, failed, end, done);
        }
        done.await();
        double httpSeconds = (System.nanoTime() - start) / 1e9;
        long total = accepted.get();
        // Counted end to end: wait until the counter metric has every accepted event.
        while (counted(telemetryUrls) - countedBefore < total) {
            Thread.sleep(100);
            if ((System.nanoTime() - start) / 1e9 > seconds + 120) {
                clients.forEach(HttpClient::close);
                vertx.close();
                throw new IllegalStateException("not every accepted event was counted within 120 s");
            }
        }
        double e2eSeconds = (System.nanoTime() - start) / 1e9;
        clients.forEach(HttpClient::close);
        vertx.close();
        System.out.printf(
                "RESULT telemetry (%d instance(s), %d s, %d concurrent clients, batches of %d): accepted %,.0f events/s (HTTP 202), "
                        + "counted %,.0f events/s end to end (HTTP -> Kafka -> counted), %,d events, %d failed batches, "
                        + "counting finished %.1f s after the last 202, %.0f false drops by the dedup filter%n",
                telemetryUrls.size(),
                seconds,
                concurrency,
                BATCH,
                total / httpSeconds,
                total / e2eSeconds,
                total,
                failed.get(),
                e2eSeconds - httpSeconds,
                falseDrops(telemetryUrls) - dropsBefore);
        if (report) {
            String setup = String.format("(%d s, %d clients, batches of %d)", seconds, concurrency, BATCH);
            Figures.print("Telemetry", "accepted events/s " + setup, "%,.0f", total / httpSeconds);
            Figures.print("Telemetry", "counted events/s end to end " + setup, "%,.0f", total / e2eSeconds);
            Figures.print("Telemetry", "counting done after the last 202", "%.1f s", e2eSeconds - httpSeconds);
            Figures.print("Telemetry", "failed batches", "%d", failed.get());
        }
        return total / e2eSeconds;
    }

    private static double counted(List<String> telemetryUrls) throws Exception {
        double sum = 0;
        for (String url : telemetryUrls) {
            sum += counted(url);
        }
        return sum;
    }

    private static void send(
            HttpClient client,
            RequestOptions target,
            String run,
            AtomicLong sequence,
            AtomicLong accepted,
            AtomicLong failed,
            long end,
            CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        Buffer body = batch(run, sequence.getAndIncrement());
        client.request(target)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(b -> resp.statusCode() == 202))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result()) {
                        accepted.addAndGet(BATCH);
                    } else {
                        failed.incrementAndGet();
                    }
                    send(client, target, run, sequence, accepted, failed, end, done);
                });
    }

    // A batch of session events from one device, so of one rollout (as real devices report);
    // successive batches cycle through 12 rollouts, so every partition of the topic is used.
    private static Buffer batch(String run, long n) {
        String now = Instant.now().toString();
        StringBuilder s = new StringBuilder(BATCH * 260).append("{\"events\":[");
        for (int i = 0; i < BATCH; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"event_id\":\"")
                    .append(run)
                    .append('-')
                    .append(n)
                    .append('-')
                    .append(i)
                    .append("\",\"type\":\"session\",\"occurred_at\":\"")
                    .append(now)
                    .append("\",\"consent\":true,\"install_id\":\"device-")
                    .append(n % 100_000)
                    .append("\",\"family\":\"bench\",\"version\":\"2.1.0\",\"rollout_id\":\"bench-")
                    .append(n % 12)
                    // every segment dimension a device tells, so that each is counted (the worst case)
                    .append("\",\"variant\":\"target\",\"region\":\"DE\",\"platform\":\"android\","
                            + "\"device_class\":\"high\",\"os_version\":\"14\",\"session_seconds\":30}");
        }
        return Buffer.buffer(s.append("]}").toString());
    }

    // Events counted, plus those the dedup filter dropped: a false drop (a new event taken for a
    // re-sent one, at the documented rate) is done with, and the benchmark sends no real re-sends.
    private static double counted(String telemetry) throws Exception {
        return metric(telemetry, "otter_telemetry_events_counted_total")
                + metric(telemetry, "otter_telemetry_events_duplicates_total");
    }

    private static double falseDrops(List<String> telemetryUrls) throws Exception {
        double sum = 0;
        for (String url : telemetryUrls) {
            sum += metric(url, "otter_telemetry_events_duplicates_total");
        }
        return sum;
    }

    private static double metric(String telemetry, String name) throws Exception {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(telemetry + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static long triggerToRollback(String manifest, String rollout, String telemetry) throws Exception {
        String family = "guard-" + UUID.randomUUID().toString().substring(0, 8);
        post(manifest + "/api/v1/families", Map.of("name", family));
        for (String version : List.of("2.0.0", "2.1.0")) {
            String base = manifest + "/api/v1/families/" + family + "/versions";
            post(base, Map.of("version", version));
            post(
                    base + "/" + version + "/artifacts",
                    Map.of(
                            "tier",
                            "1b",
                            "urls",
                            List.of("https://cdn.example.com/" + version + ".gguf"),
                            "size_bytes",
                            1000,
                            "sha256",
                            (version.replace(".", "") + "a".repeat(64)).substring(0, 64)));
            post(base + "/" + version + "/publish", Map.of());
        }
        String id = post(
                        rollout + "/api/v1/rollouts",
                        Map.of(
                                "family",
                                family,
                                "name",
                                "bench",
                                "baseline_version",
                                "2.0.0",
                                "target_version",
                                "2.1.0",
                                "stages",
                                List.of(Map.of("percentage", 100)),
                                "guard",
                                Map.of("crash_rate_threshold", 0.02, "min_sessions", 200, "window", "PT10M")))
                .get("id")
                .asText();
        post(rollout + "/api/v1/rollouts/" + id + "/start", Map.of());
        long started = System.nanoTime();
        while (!"2.1.0"
                .equals(check(manifest, family, null)
                        .path("decisions")
                        .path(0)
                        .path("version")
                        .asText())) {
            Thread.sleep(20); // the rollout reaches manifest-service through Redis within moments
            if ((System.nanoTime() - started) / 1_000_000_000 > 30) {
                throw new IllegalStateException("the started rollout did not reach manifest-service within 30 s");
            }
        }
        post(telemetry + "/v1/telemetry/events", events(family, id, 300, 0));
        post(telemetry + "/v1/telemetry/events", events(family, id, 0, 40));
        long accepted = System.nanoTime();
        while (!"ROLLBACK"
                .equals(check(manifest, family, "2.1.0")
                        .path("decisions")
                        .path(0)
                        .path("action")
                        .asText())) {
            Thread.sleep(10); // the poll interval bounds the measurement's resolution: 10 ms
            if ((System.nanoTime() - accepted) / 1_000_000_000 > 60) {
                throw new IllegalStateException("no ROLLBACK within 60 s");
            }
        }
        return (System.nanoTime() - accepted) / 1_000_000;
    }

    private static Map<String, Object> events(String family, String rolloutId, int sessions, int crashes) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < sessions + crashes; i++) {
            Map<String, Object> e = new java.util.HashMap<>(Map.of(
                    "event_id",
                    UUID.randomUUID().toString(),
                    "type",
                    i < sessions ? "session" : "error",
                    "occurred_at",
                    Instant.now().toString(),
                    "consent",
                    true,
                    "family",
                    family,
                    "version",
                    "2.1.0",
                    "rollout_id",
                    rolloutId,
                    "variant",
                    "target",
                    "region",
                    "DE"));
            if (i >= sessions) {
                e.put("severity", "FATAL");
                e.put("error_code", "E_SIGSEGV");
            }
            events.add(e);
        }
        return Map.of("events", events);
    }

    private static JsonNode check(String manifest, String family, String installed) throws Exception {
        Map<String, Object> model = new java.util.HashMap<>(Map.of("family", family, "preferred_tier", "1b"));
        if (installed != null) {
            model.put("installed_version", installed);
        }
        return post(
                manifest + "/v1/update-check",
                Map.of(
                        "install_id",
                        "bench-device-0001",
                        "app_version",
                        "3.0.0",
                        "runtime_version",
                        "1.0.0",
                        "platform",
                        "android",
                        "os_version",
                        "14",
                        "ram_mb",
                        8192,
                        "free_storage_mb",
                        20_000,
                        "region",
                        "DE",
                        "channel",
                        "stable",
                        "models",
                        List.of(model)));
    }

    private static JsonNode post(String url, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + CatalogSeeder.token())
                        .header("Otter-App-Key", APP_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
