package dev.otter.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.sdk.net.HttpTransport;
import dev.otter.sdk.store.AtomicFiles;
import dev.otter.sdk.store.Faults;
import dev.otter.sdk.telemetry.Event;
import dev.otter.sdk.telemetry.FlushResult;
import dev.otter.sdk.telemetry.TelemetryQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The telemetry queue against a real HTTP endpoint: consent, persistence, dedup by event id, 429/503. */
class TelemetryQueueTest {
    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    private final FakeOtter otter = new FakeOtter();

    @TempDir
    Path dir;

    TelemetryQueueTest() throws Exception {}

    @AfterEach
    void stop() {
        otter.close();
    }

    private TelemetryQueue queue() throws Exception {
        return new TelemetryQueue(
                dir,
                new HttpTransport(),
                otter.url() + "/v1/telemetry/events",
                Map.of("Otter-App-Key", "otk_test"),
                new AtomicFiles(true, Faults.NONE),
                100,
                3);
    }

    private static Event event(String id) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", id);
        e.put("type", "session");
        e.put("consent", true);
        return Event.of(e);
    }

    private List<String> sentIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode b : otter.batches()) {
            b.path("events").forEach(e -> ids.add(e.path("event_id").asText()));
        }
        return ids;
    }

    @Test
    void withoutConsentNothingIsKeptAndNothingLeavesTheDevice() throws Exception {
        TelemetryQueue q = queue();
        assertThat(q.record(event("e-00000001"))).isFalse();
        assertThat(q.flush(NOW).accepted()).isEmpty();
        q.setConsent(true);
        q.record(event("e-00000002"));
        q.setConsent(false); // withdrawn: what was queued is deleted
        assertThat(q.size()).isZero();
        assertThat(queue().size()).isZero();
        assertThat(otter.batches()).isEmpty();
    }

    @Test
    void anEventIdIsQueuedOnceAndSentInBatches() throws Exception {
        TelemetryQueue q = queue();
        q.setConsent(true);
        for (String id : new String[] {"e-00000001", "e-00000002", "e-00000001", "e-00000003", "e-00000004"}) {
            q.record(event(id));
        }
        FlushResult r = q.flush(NOW);
        assertThat(r.accepted()).hasSize(4);
        assertThat(otter.batches()).hasSize(2); // batches of 3
        assertThat(sentIds()).containsExactly("e-00000001", "e-00000002", "e-00000003", "e-00000004");
        assertThat(r.left()).isZero();
    }

    @Test
    void afterA503TheSameEventsAreSentAgainNoEarlierThanRetryAfter() throws Exception {
        TelemetryQueue q = queue();
        q.setConsent(true);
        q.record(event("e-00000001"));
        q.record(event("e-00000002"));
        otter.telemetryAnswers(503, 30, 1);

        FlushResult busy = q.flush(NOW);
        assertThat(busy.accepted()).isEmpty();
        assertThat(busy.retryAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(busy.left()).isEqualTo(2);
        assertThat(q.flush(NOW.plusSeconds(29)).accepted())
                .as("not before Retry-After")
                .isEmpty();
        assertThat(otter.batches()).isEmpty();

        FlushResult later = q.flush(NOW.plusSeconds(30));
        assertThat(later.accepted()).hasSize(2);
        assertThat(sentIds()).containsExactly("e-00000001", "e-00000002");
    }

    @Test
    void a429IsHonouredTheSameWayAndNoAnswerBacksOff() throws Exception {
        TelemetryQueue q = queue();
        q.setConsent(true);
        q.record(event("e-00000001"));
        otter.telemetryAnswers(429, 7, 1);
        assertThat(q.flush(NOW).retryAt()).isEqualTo(NOW.plusSeconds(7));
        otter.close(); // Otter unreachable: the events stay, the next try waits
        FlushResult unreachable = q.flush(NOW.plusSeconds(7));
        assertThat(unreachable.left()).isEqualTo(1);
        assertThat(unreachable.retryAt()).isAfter(NOW.plusSeconds(7));
    }

    @Test
    void queuedEventsSurviveARestartAndATornLastLineIsSkipped() throws Exception {
        TelemetryQueue q = queue();
        q.setConsent(true);
        q.record(event("e-00000001"));
        q.record(event("e-00000002"));
        Files.write(
                dir.resolve("queue.jsonl"),
                "{\"event_id\":\"e-0000".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND); // a kill in the middle of an append

        TelemetryQueue restarted = queue();
        assertThat(restarted.consent()).isTrue();
        assertThat(restarted.size()).isEqualTo(2);
        restarted.flush(NOW);
        assertThat(sentIds()).containsExactly("e-00000001", "e-00000002");
        assertThat(queue().size()).isZero();
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsThem() throws Exception {
        TelemetryQueue q = queue();
        q.setConsent(true);
        for (int i = 0; i < 105; i++) {
            q.record(event(String.format("e-%08d", i)));
        }
        assertThat(q.size()).isEqualTo(100);
        assertThat(q.dropped()).isEqualTo(5);
        q.flush(NOW);
        assertThat(sentIds()).first().isEqualTo("e-00000005");
    }
}
