package dev.otter.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.sdk.FakeOtter.StreamAnswer;
import dev.otter.sdk.FakeOtter.StreamConnection;
import dev.otter.sdk.stream.Reconnect;
import dev.otter.sdk.stream.StreamEvents;
import dev.otter.sdk.stream.UpdateStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The update stream against a real SSE server: check-now, Retry-After, Last-Event-ID, reopen. */
class UpdateStreamTest {
    @TempDir
    Path dir;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aRefusedStreamWaitsRetryAfterThenCheckNowCallsBackAndTheReconnectResumesFromTheLastEvent() throws Exception {
        try (FakeOtter otter = new FakeOtter()) {
            otter.streamAnswers(
                    StreamAnswer.refuse(503, 1),
                    StreamAnswer.events(
                            "retry: 50", "id: 7", "event: check-now", "data: {\"reason\":\"ROLLBACK\"}", ""),
                    StreamAnswer.held());
            OtterDevice device = otter.device(dir, f -> f.platform("android")
                            .osVersion("14")
                            .region("DE")
                            .channel("stable"))
                    .build();
            AtomicInteger checks = new AtomicInteger();

            try (UpdateStream stream = device.openUpdateStream(checks::incrementAndGet)) {
                await("a check-now", () -> checks.get() == 1);
                await(
                        "the reconnect after the stream ended",
                        () -> otter.streamConnections().size() == 3);
                List<StreamConnection> c = otter.streamConnections();
                assertThat((c.get(1).atNanos - c.get(0).atNanos) / 1_000_000)
                        .as("Retry-After 1 s honoured")
                        .isGreaterThanOrEqualTo(1_000);
                assertThat(c.get(1).lastEventId).isNull();
                assertThat(c.get(2).lastEventId).isEqualTo("7");
                assertThat(c.get(0).query)
                        .isEqualTo("install_id=3f1c9a2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8&platform=android&os_version=14"
                                + "&region=DE&channel=stable&model=assistant");

                stream.reopen(); // e.g. after a switch of model
                await("the reopened stream", () -> otter.streamConnections().size() == 4);
                assertThat(stream.checkNows()).isEqualTo(1);
            }
        }
    }

    @Test
    void eventsAreDispatchedAtTheirBlankLineAndCommentsAndUnknownFieldsIgnored() {
        List<String> seen = new ArrayList<>();
        StreamEvents events = new StreamEvents((e, d) -> seen.add(e + "=" + d), 1_000);
        for (String line : new String[] {
            ": keep-alive", "", "id: 3", "event: check-now", "data: a", "data: b", "foo: bar", "", "retry: x"
        }) {
            events.line(line);
        }
        assertThat(seen).containsExactly("check-now=a\nb");
        assertThat(events.lastEventId()).isEqualTo("3");
        assertThat(events.retryMillis()).isEqualTo(1_000);
    }

    @Test
    void refusalsBackOffExponentiallyWithJitterAndAnEndedStreamWaitsItsRetry() {
        Reconnect r = new Reconnect();
        assertThat(r.delay(0, -1, 100)).isBetween(1_000L, 2_000L);
        assertThat(r.delay(502, -1, 100)).isBetween(2_000L, 4_000L);
        assertThat(r.delay(0, -1, 100)).isBetween(4_000L, 8_000L);
        for (int i = 0; i < 5; i++) {
            assertThat(r.delay(0, -1, 100)).isLessThan(32_000L);
        }
        assertThat(r.delay(503, 7, 100)).isEqualTo(7_000);
        assertThat(r.delay(200, -1, 100)).isEqualTo(100);
        assertThat(r.delay(0, -1, 100))
                .as("a stream that worked resets the back-off")
                .isBetween(1_000L, 2_000L);
    }
}
