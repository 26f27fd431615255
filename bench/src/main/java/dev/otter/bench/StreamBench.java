package dev.otter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import redis.clients.jedis.Jedis;

/**
 * The update-stream benchmark: opens N streams on one manifest-service (HTTP/1.1, one connection
 * each, or HTTP/2 with many streams per connection), reports the service's memory per 10 000
 * streams, then rolls the streams' rollout back through Redis (as rollout-service would) and
 * reports when each stream got its "check now" and the rate of the update checks the devices make
 * in answer.
 *
 * <p>Usage: {@code StreamBench URL SERVICE_PID STREAMS PROTOCOL(h1|h2) REDIS_PORT NAMESPACE}
 */
public final class StreamBench {
    private static final String INSTALLED = "1.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamBench() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long pid = Long.parseLong(args[1]);
        int streams = Integer.parseInt(args[2]);
        boolean h2 = "h2".equals(args[3]);
        int redisPort = Integer.parseInt(args[4]);
        String namespace = args[5];

        CatalogSeeder seeder = new CatalogSeeder(url);
        String family = seeder.seed("stream-" + args[3], 1, 2).get(0);
        String appKey = seeder.appKey();
        try (Jedis redis = new Jedis("127.0.0.1", redisPort)) {
            publish(redis, namespace, snapshot(family, 1, true));
        }
        awaitRollout(url, family, appKey);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        URI uri = URI.create(url);
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(uri.getHost())
                .setDefaultPort(uri.getPort())
                .setKeepAlive(true)
                .setIdleTimeout(0);
        if (h2) {
            options.setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(false)
                    .setHttp2MultiplexingLimit(100);
        }
        HttpClient client = vertx.createHttpClient(
                options,
                new PoolOptions()
                        .setHttp1MaxSize(streams)
                        .setHttp2MaxSize(streams / 100 + 1)
                        .setMaxWaitQueueSize(-1));
        HttpClient checks = vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost(uri.getHost())
                        .setDefaultPort(uri.getPort())
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));

        long rssBefore = rssMb(pid);
        AtomicLongArray signalledAt = new AtomicLongArray(streams);
        ConcurrentLinkedQueue<Long> checkedAt = new ConcurrentLinkedQueue<>();
        AtomicInteger checkErrors = new AtomicInteger();
        AtomicInteger failedOpens = new AtomicInteger();
        java.util.concurrent.ConcurrentHashMap<Integer, Integer> refusals =
                new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(streams);
        CountDownLatch signalled = new CountDownLatch(streams);
        Semaphore opening = new Semaphore(500);
        long openStart = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            opening.acquire();
            int n = i;
            String installId = String.format("bench-stream-%08d", i);
            open(client, installId, family, appKey).onComplete(ar -> {
                opening.release();
                // Settled once: ready, or refused (an error status, a reset, or an end before "ready").
                java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();
                Runnable refused = () -> {
                    if (settled.compareAndSet(false, true)) {
                        failedOpens.incrementAndGet();
                        ready.countDown();
                        signalled.countDown();
                    }
                };
                if (ar.failed()) {
                    refused.run();
                    return;
                }
                if (ar.result().statusCode() != 200) {
                    refusals.merge(ar.result().statusCode(), 1, Integer::sum);
                    refused.run();
                    return;
                }
                ar.result().exceptionHandler(e -> refused.run());
                ar.result().endHandler(v -> refused.run());
                StringBuilder pending = new StringBuilder();
                ar.result().handler(chunk -> {
                    pending.append(chunk.toString());
                    int end;
                    while ((end = pending.indexOf("\n\n")) >= 0) {
                        String event = pending.substring(0, end);
                        pending.delete(0, end + 2);
                        if (event.contains("event: ready") && settled.compareAndSet(false, true)) {
                            ready.countDown();
                        } else if (event.contains("event: check-now")
                                && signalledAt.compareAndSet(n, 0, System.nanoTime())) {
                            signalled.countDown();
                            check(checks, installId, family, appKey, checkedAt, checkErrors);
                        }
                    }
                });
            });
        }
        if (!ready.await(180, TimeUnit.SECONDS)) {
            System.out.printf("streams not ready after 180 s: %d missing%n", ready.getCount());
            vertx.close();
            System.exit(1);
        }
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        int held = streams - failedOpens.get();
        long rssHeld = settledRssMb(pid);
        String protocol = h2 ? "HTTP/2, 100 streams per connection" : "HTTP/1.1, a connection each";
        System.out.printf(
                "RESULT %,d streams (%s) open in %.1f s, %d refused %s; service RSS %d MB before, %d MB holding them%n",
                held, protocol, openSeconds, failedOpens.get(), refusals, rssBefore, rssHeld);

        long t0 = System.nanoTime();
        try (Jedis redis = new Jedis("127.0.0.1", redisPort)) {
            publish(redis, namespace, snapshot(family, 2, false));
        }
        boolean all = signalled.await(120, TimeUnit.SECONDS);
        // The update checks the signals caused: every signalled stream's, answered or failed (30 s at most).
        long expectedChecks = held - signalled.getCount();
        pollUntil(() -> checkedAt.size() + checkErrors.get() >= expectedChecks, Duration.ofSeconds(30));
        long[] latencies = latencies(signalledAt, t0);
        String section = "Update stream, " + protocol;
        Figures.print(section, "streams held by one instance", "%,d", held);
        Figures.print(
                section,
                "service RSS per 10 000 streams",
                "%.0f MB (%d MB idle, %d MB with the streams)",
                (rssHeld - rssBefore) * 10_000.0 / Math.max(1, held),
                rssBefore,
                rssHeld);
        Figures.print(
                section,
                "rollback -> check-now on every stream: p50 / p99 / max",
                "%.2f / %.2f / %.2f s%s",
                pct(latencies, 50),
                pct(latencies, 99),
                pct(latencies, 100),
                all ? "" : " (" + signalled.getCount() + " streams got none)");
        Figures.print(
                section,
                "update checks that follow: mean / peak per second",
                "%s",
                checkRates(checkedAt, checkErrors.get()));
        client.close();
        checks.close();
        vertx.close();
        System.exit(all ? 0 : 1);
    }

    // Until the service answers from the running rollout (the state has reached it through Redis).
    private static void awaitRollout(String url, String family, String appKey) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        byte[] body = JSON.writeValueAsBytes(checkBody("bench-stream-probe-0001", family, "1.0.0"));
        java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(URI.create(url + "/v1/update-check"))
                .header("Content-Type", "application/json")
                .header("Otter-App-Key", appKey)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        boolean reached = pollUntil(
                () -> {
                    java.net.http.HttpResponse<String> answer =
                            http.send(probe, java.net.http.HttpResponse.BodyHandlers.ofString());
                    return answer.statusCode() == 200 && answer.body().contains("\"rollout_id\"");
                },
                Duration.ofSeconds(30));
        if (!reached) {
            throw new IllegalStateException("the rollout state did not reach manifest-service within 30 s");
        }
    }

    private static Future<io.vertx.core.http.HttpClientResponse> open(
            HttpClient client, String installId, String family, String appKey) {
        String path = "/v1/updates/stream?install_id=" + installId + "&channel=stable&region=DE&platform=android"
                + "&os_version=14&app_version=3.2.0&runtime_version=1.4.0&ram_mb=8192&free_storage_mb=20000&model="
                + family + "@" + INSTALLED;
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path))
                .compose(req -> req.putHeader("Otter-App-Key", appKey).send())
                .compose(resp -> resp.statusCode() == 200
                        ? Future.succeededFuture(resp)
                        : Future.failedFuture("stream refused: " + resp.statusCode()));
    }

    private static void check(
            HttpClient checks,
            String installId,
            String family,
            String appKey,
            ConcurrentLinkedQueue<Long> checkedAt,
            AtomicInteger errors) {
        Map<String, Object> body = checkBody(installId, family, INSTALLED);
        Buffer payload;
        try {
            payload = Buffer.buffer(JSON.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        checks.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/v1/update-check"))
                .compose(req -> req.putHeader("Otter-App-Key", appKey)
                        .putHeader("Content-Type", "application/json")
                        .send(payload))
                .compose(resp -> resp.body()
                        .map(b -> resp.statusCode() == 200 && b.toString().contains("\"ROLLBACK\"")))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result()) {
                        checkedAt.add(System.nanoTime());
                    } else {
                        errors.incrementAndGet();
                    }
                });
    }

    private static Map<String, Object> checkBody(String installId, String family, String installed) {
        return Map.of(
                "install_id", installId,
                "app_version", "3.2.0",
                "runtime_version", "1.4.0",
                "free_storage_mb", 20_000,
                "platform", "android",
                "os_version", "14",
                "ram_mb", 8192,
                "region", "DE",
                "channel", "stable",
                "models", List.of(Map.of("family", family, "installed_version", installed)));
    }

    // The rollout state rollout-service would publish: a running rollout of 1.1.0 over 1.0.0 with
    // every device in its cohort, then the same rollout rolled back.
    private static Map<String, Object> snapshot(String family, long version, boolean running) {
        Map<String, Object> channel = running
                ? Map.of(
                        "channel",
                        "stable",
                        "default_version",
                        "1.0.0",
                        "active",
                        Map.of(
                                "id", "bench-rollout",
                                "status", "RUNNING",
                                "salt", "bench",
                                "baseline_version", "1.0.0",
                                "percentage_basis_points", 10_000,
                                "variants", List.of(Map.of("name", "target", "version", INSTALLED, "weight", 1)),
                                "watch_interval_seconds", 120),
                        "rolled_back",
                        List.of())
                : Map.of(
                        "channel", "stable",
                        "default_version", "1.0.0",
                        "rolled_back",
                                List.of(Map.of(
                                        "id", "bench-rollout",
                                        "baseline_version", "1.0.0",
                                        "versions", List.of(INSTALLED),
                                        "reason", "benchmark rollback",
                                        "rolled_back_at", Instant.now().toString())));
        return Map.of(
                "family",
                family,
                "version",
                version,
                "generated_at",
                Instant.now().toString(),
                "channels",
                List.of(channel));
    }

    private static void publish(Jedis redis, String namespace, Map<String, Object> snapshot) throws Exception {
        String family = (String) snapshot.get("family");
        String version = snapshot.get("version").toString();
        RedisKeys keys = new RedisKeys(namespace);
        redis.hset(keys.rolloutVersions(), family, version);
        redis.hset(keys.rolloutSnapshots(), family, JSON.writeValueAsString(snapshot));
        redis.set(keys.rolloutStatePublished(), "bench");
        redis.publish(keys.rolloutChanged(), family + ":" + version);
    }

    private static long[] latencies(AtomicLongArray at, long t0) {
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < at.length(); i++) {
            if (at.get(i) != 0) {
                list.add(at.get(i) - t0);
            }
        }
        long[] sorted = list.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e9;
    }

    private static String checkRates(ConcurrentLinkedQueue<Long> at, int errors) {
        long[] times = at.stream().mapToLong(Long::longValue).sorted().toArray();
        if (times.length < 2) {
            return times.length + " checks, " + errors + " errors";
        }
        double span = (times[times.length - 1] - times[0]) / 1e9;
        int peak = 0;
        int from = 0;
        for (int to = 0; to < times.length; to++) {
            while (times[to] - times[from] >= 1_000_000_000L) {
                from++;
            }
            peak = Math.max(peak, to - from + 1);
        }
        return String.format(
                "%,.0f / %,d checks/s (%,d checks over %.1f s, %d errors)",
                times.length / span, peak, times.length, span, errors);
    }

    /** A condition the bench polls; it may do I/O. */
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} every 50 ms until it holds (true) or {@code timeout} passes (false). */
    private static boolean pollUntil(Condition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50); // between polls of a condition with a deadline, not a wait for time to pass
        }
        return true;
    }

    /**
     * The service's RSS once the streams' buffers have been allocated: read until two readings a
     * second apart differ by at most 2 MB (15 s at most), instead of guessing a settling time.
     */
    private static long settledRssMb(long pid) throws Exception {
        long[] last = {rssMb(pid)};
        long[] since = {System.nanoTime()};
        pollUntil(
                () -> {
                    long now = rssMb(pid);
                    if (Math.abs(now - last[0]) > 2) {
                        last[0] = now;
                        since[0] = System.nanoTime();
                    }
                    return System.nanoTime() - since[0] >= TimeUnit.SECONDS.toNanos(1);
                },
                Duration.ofSeconds(15));
        return rssMb(pid);
    }

    private static long rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
