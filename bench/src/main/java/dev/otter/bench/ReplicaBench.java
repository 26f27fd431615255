package dev.otter.bench;

import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Update-check throughput of one manifest-service replica against two sharing the same PostgreSQL and
 * Redis: the catalog is published through the first and must reach the second by itself; then the
 * same closed-loop load (connections split evenly) goes to one replica, and to both.
 *
 * In its telemetry mode, counted telemetry events/s end to end through the telemetry-services
 * running (one consumer group: Kafka splits the partitions between them).
 *
 * <p>Usage: {@code ReplicaBench URL1,URL2 SECONDS CONNECTIONS} or {@code ReplicaBench telemetry
 * URL[,URL] SECONDS CLIENTS}
 */
public final class ReplicaBench {
    private ReplicaBench() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("telemetry")) {
            telemetry(List.of(args[1].split(",")), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        String[] urls = args[0].split(",");
        int seconds = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        CatalogSeeder seeder = new CatalogSeeder(urls[0]);
        List<String> families = seeder.seed("replicas", 1, 2);
        String appKey = seeder.appKey();
        List<Buffer> bodies = UpdateCheckBench.bodies(families, 2, 2_000);
        long published = System.nanoTime();
        for (String url : urls) {
            awaitCatalog(url, appKey, bodies.get(0));
        }
        System.out.printf(
                "catalog published through replica 1 answered by all %d replicas after %.0f ms%n",
                urls.length, (System.nanoTime() - published) / 1e6);

        double one = run(List.of(urls[0]), bodies, appKey, connections, seconds);
        double both = run(List.of(urls), bodies, appKey, connections, seconds);
        System.out.printf(
                "RESULT update checks, %d connections, %d s: 1 replica %,.0f/s, %d replicas %,.0f/s, ratio %.2f%n",
                connections, seconds, one, urls.length, both, both / one);
        Figures.print("Replicas", "update checks/s, 1 replica", "%,.0f", one);
        Figures.print("Replicas", "update checks/s, " + urls.length + " replicas (same machine)", "%,.0f", both);
        Figures.print("Replicas", "ratio " + urls.length + " : 1", "%.2f", both / one);
    }

    /**
     * {@code ReplicaBench telemetry URL[,URL] SECONDS CLIENTS}: counted telemetry events/s end to end
     * through the telemetry-services running now (the script starts the second between two calls, so
     * that one replica really counts alone); prints it on a line of its own for the script's ratio.
     */
    private static void telemetry(List<String> urls, int seconds, int clients) throws Exception {
        TelemetryBench.throughput(urls, 5, clients, false); // warm-up, and the consumer group settled
        double counted = TelemetryBench.throughput(urls, seconds, clients, false);
        System.out.printf("COUNTED %d %.0f%n", urls.size(), counted);
    }

    // The sum of closed loops run at once, one per replica, the connections split between them.
    private static double run(List<String> urls, List<Buffer> bodies, String appKey, int connections, int seconds)
            throws Exception {
        int each = connections / urls.size();
        List<HttpLoad> loads = new ArrayList<>();
        for (String url : urls) {
            loads.add(new HttpLoad(url + "/v1/update-check", Math.max(each, 64), appKey));
        }
        ExecutorService threads = Executors.newFixedThreadPool(urls.size());
        try {
            for (HttpLoad load : loads) {
                load.closedLoop(bodies, each, 5); // warm-up
            }
            List<Future<HttpLoad.Result>> results = new ArrayList<>();
            for (HttpLoad load : loads) {
                results.add(threads.submit(() -> load.closedLoop(bodies, each, seconds)));
            }
            double sum = 0;
            for (Future<HttpLoad.Result> result : results) {
                HttpLoad.Result r = result.get();
                if (r.errors() > 0) {
                    throw new IllegalStateException(r.errors() + " errors: " + r.summary());
                }
                sum += r.perSecond();
            }
            return sum;
        } finally {
            threads.shutdown();
            loads.forEach(HttpLoad::close);
        }
    }

    private static void awaitCatalog(String url, String appKey, Buffer body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/v1/update-check"))
                            .header("Content-Type", "application/json")
                            .header("Otter-App-Key", appKey)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && !answer.body().contains("UNKNOWN_FAMILY")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not answer for the catalog within 30 s: " + answer.body());
            }
            Thread.sleep(50); // between polls of a condition with a deadline
        }
    }
}
