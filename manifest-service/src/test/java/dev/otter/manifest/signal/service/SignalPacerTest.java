package dev.otter.manifest.signal.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pacer on a real Vert.x: a few signals leave at once, many are spread at the rate, a window caps the spread. */
class SignalPacerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aHandfulOfSignalsLeaveAtOnce() {
        SignalPacer pacer = new SignalPacer(vertx, 1_000, Duration.ofSeconds(30));
        ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        pacer.enqueue(signals(5, sent));
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 5);
        assertThat(millis(sent.stream().mapToLong(Long::longValue).max().orElseThrow() - start))
                .isLessThan(200);
    }

    @Test
    void manySignalsAreSpreadAtTheRate() {
        SignalPacer pacer = new SignalPacer(vertx, 200, Duration.ofSeconds(30));
        ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        pacer.enqueue(signals(400, sent));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 400);
        long last = millis(sent.stream().mapToLong(Long::longValue).max().orElseThrow() - start);
        // 400 at 200/s: about 2 s; never all in the first second.
        assertThat(last).isBetween(1_600L, 4_000L);
        assertThat(pacer.backlog()).isZero();
    }

    @Test
    void theWindowRaisesTheRateSoEverythingLeavesWithinIt() {
        SignalPacer pacer = new SignalPacer(vertx, 100, Duration.ofSeconds(1));
        ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        pacer.enqueue(signals(1_000, sent));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1_000);
        long last = millis(sent.stream().mapToLong(Long::longValue).max().orElseThrow() - start);
        // At 100/s this would take 10 s; the 1 s window makes it about 1 s.
        assertThat(last).isBetween(700L, 2_500L);
    }

    private static List<SignalPacer.Pending> signals(int n, ConcurrentLinkedQueue<Long> sent) {
        List<SignalPacer.Pending> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new SignalPacer.Pending(() -> sent.add(System.nanoTime())));
        }
        return list;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
