package dev.otter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Drives POST requests at a server on one event loop and records latency in an HdrHistogram.
 * Two modes: closed loop (N connections, each sends again on its answer: maximum throughput) and
 * open loop (a fixed arrival rate; latency counts from the intended send time, so a stalled server
 * is not hidden by a waiting client — no coordinated omission).
 */
final class HttpLoad implements AutoCloseable {
    /** What one run measured. */
    record Result(long requests, long errors, double seconds, Histogram latencyMicros) {
        double perSecond() {
            return requests / seconds;
        }

        /** The latency percentile in milliseconds. */
        double p(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        String summary() {
            return String.format(
                    "%,.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, %d errors of %,d",
                    perSecond(),
                    latencyMicros.getValueAtPercentile(50) / 1000.0,
                    latencyMicros.getValueAtPercentile(99) / 1000.0,
                    latencyMicros.getValueAtPercentile(99.9) / 1000.0,
                    latencyMicros.getMaxValue() / 1000.0,
                    errors,
                    requests);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;
    private final RequestOptions target;

    HttpLoad(String url, int connections, String appKey) {
        URI uri = URI.create(url);
        client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        target = new RequestOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getPath())
                .setMethod(HttpMethod.POST)
                .putHeader("Content-Type", "application/json")
                .putHeader("Otter-App-Key", appKey);
    }

    /** As many requests as {@code connections} in flight allow, for {@code seconds}. */
    Result closedLoop(List<Buffer> bodies, int connections, int seconds) throws InterruptedException {
        Histogram histogram = new Histogram(60_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(connections);
        long started = System.nanoTime();
        vertx.runOnContext(v -> {
            for (int c = 0; c < connections; c++) {
                loop(bodies, c, end, histogram, requests, errors, done);
            }
        });
        done.await();
        return new Result(requests.get(), errors.get(), (System.nanoTime() - started) / 1e9, histogram);
    }

    private void loop(
            List<Buffer> bodies,
            int i,
            long end,
            Histogram histogram,
            AtomicLong requests,
            AtomicLong errors,
            CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        send(bodies.get(i % bodies.size()), ok -> {
            histogram.recordValue(Math.min((System.nanoTime() - sent) / 1000, 60_000_000L));
            requests.incrementAndGet();
            if (!ok) {
                errors.incrementAndGet();
            }
            loop(bodies, i + 7919, end, histogram, requests, errors, done);
        });
    }

    /** {@code rate} requests per second, evenly spaced, for {@code seconds}. */
    Result openLoop(List<Buffer> bodies, int rate, int seconds) throws InterruptedException {
        Histogram histogram = new Histogram(60_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long total = (long) rate * seconds;
        double intervalNanos = 1e9 / rate;
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong issued = new AtomicLong();
        long start = System.nanoTime();
        // Every millisecond, send every request whose intended time has come.
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (issued.get() < total) {
                long n = issued.get();
                long intended = start + (long) (n * intervalNanos);
                if (intended > now) {
                    break;
                }
                issued.incrementAndGet();
                send(bodies.get((int) (n % bodies.size())), ok -> {
                    histogram.recordValue(Math.min((System.nanoTime() - intended) / 1000, 60_000_000L));
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                    if (requests.incrementAndGet() == total) {
                        done.countDown();
                    }
                });
            }
        });
        if (!done.await(seconds + 60L, TimeUnit.SECONDS)) {
            errors.addAndGet(total - requests.get());
        }
        vertx.cancelTimer(timer);
        return new Result(requests.get(), errors.get(), (System.nanoTime() - start) / 1e9, histogram);
    }

    private void send(Buffer body, java.util.function.Consumer<Boolean> onDone) {
        client.request(target)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(b -> resp.statusCode() == 200))
                .onComplete(ar -> onDone.accept(ar.succeeded() && ar.result()));
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
