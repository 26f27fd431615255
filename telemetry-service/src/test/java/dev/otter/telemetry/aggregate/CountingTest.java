package dev.otter.telemetry.aggregate;

import static dev.otter.telemetry.testing.Events.crash;
import static dev.otter.telemetry.testing.Events.post;
import static dev.otter.telemetry.testing.Events.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.KafkaTopic;
import dev.otter.contract.telemetry.TelemetryEvent;
import dev.otter.telemetry.aggregate.service.CounterStore;
import dev.otter.telemetry.aggregate.service.RollupJob;
import dev.otter.telemetry.guard.service.WindowCounts;
import dev.otter.telemetry.ingest.messaging.EventBatch;
import dev.otter.telemetry.testing.HistoryTotals;
import dev.otter.telemetry.testing.RolloutTotals;
import dev.otter.telemetry.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Counting through the real broker and Redis: once per event, whatever is sent or delivered twice. */
@QuarkusTest
class CountingTest {
    @Inject
    WindowCounts counts;

    @Inject
    CounterStore store;

    @Inject
    RollupJob rollup;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    private long rolloutSessions(String rollout) {
        return RolloutTotals.of(counts, rollout, "sessions");
    }

    private long rolloutCrashes(String rollout) {
        return RolloutTotals.of(counts, rollout, "fatal");
    }

    @Test
    void aResentBatchIsCountedOnce() {
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> batch = List.of(
                session("count", "2.1.0", rollout, "target", "DE"),
                session("count", "2.1.0", rollout, "target", "DE"),
                crash("count", "2.1.0", rollout, "target", "FR"));
        post(batch).statusCode(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> rolloutSessions(rollout) == 2 && rolloutCrashes(rollout) == 1);
        post(batch).statusCode(202); // the client did not see the 202 and sends again
        post(List.of(session("count", "2.1.0", rollout, "target", "DE"))).statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rolloutSessions(rollout) == 3);
        assertThat(rolloutCrashes(rollout)).isEqualTo(1);
    }

    @Test
    void aRedeliveredRecordIsSkippedWhole() {
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        TelemetryEvent e = sessionEvent("redeliver", rollout);
        String topic = "test-redelivery-" + rollout; // offsets are per topic: no real record is disturbed
        CounterStore.Counted first =
                store.count(topic, 0, 41, Instant.now(), List.of(e)).await().indefinitely();
        CounterStore.Counted again =
                store.count(topic, 0, 41, Instant.now(), List.of(e)).await().indefinitely();
        CounterStore.Counted older =
                store.count(topic, 0, 40, Instant.now(), List.of(e)).await().indefinitely();
        assertThat(first.fresh()).isEqualTo(1);
        assertThat(again.redelivery()).isTrue();
        assertThat(older.redelivery()).isTrue();
        assertThat(rolloutSessions(rollout)).isEqualTo(1);
    }

    @Test
    void lateRecordsCountedWhileTheRollupRunsAllReachHistory() {
        String family = "late-" + UUID.randomUUID().toString().substring(0, 6);
        String topic = "test-late-" + family;
        Instant fiveMinutesAgo = Instant.now().minusSeconds(300); // a minute the roll-up takes as over
        int records = 400;
        var counting = new java.util.concurrent.atomic.AtomicBoolean(true);
        var rollups = java.util.concurrent.CompletableFuture.runAsync(() -> {
            while (counting.get()) { // roll-ups back to back, each racing the next records
                rollup.rollup().await().atMost(Duration.ofSeconds(10));
            }
        });
        for (int offset = 0; offset < records; offset++) {
            store.count(topic, 0, offset, fiveMinutesAgo, List.of(sessionEvent(family, null)))
                    .await()
                    .indefinitely();
        }
        counting.set(false);
        rollups.join();
        rollup.rollup().await().atMost(Duration.ofSeconds(10));
        long sessions = HistoryTotals.of(family, "1.0.0", "sessions");
        assertThat(sessions).isEqualTo(records);
    }

    /** A session of {@code family} 1.0.0 in DE, in {@code rollout}'s target variant (or outside any rollout). */
    private static TelemetryEvent sessionEvent(String family, String rollout) {
        return new TelemetryEvent(
                UUID.randomUUID().toString(),
                "session",
                Instant.now(),
                true,
                null,
                family,
                "1.0.0",
                rollout,
                rollout == null ? null : "target",
                null,
                null,
                null,
                "DE",
                10,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        String poison = "{\"batch_id\": \"poison-" + rollout + "\", \"events\": [{\"nonsense\": true}]}";
        try (TopicReader dlq = new TopicReader(bootstrap, KafkaTopic.TELEMETRY_DEAD_LETTERS.topicName(namespace));
                KafkaProducer<String, String> producer = producer()) {
            String topic = KafkaTopic.TELEMETRY_EVENTS.topicName(namespace);
            producer.send(new ProducerRecord<>(topic, "rollout:" + rollout, poison))
                    .get();
            producer.send(new ProducerRecord<>(topic, "rollout:" + rollout, "not json at all"))
                    .get();
            EventBatch good = new EventBatch(
                    UUID.randomUUID().toString(), Instant.now(), List.of(sessionEvent("poison", rollout)));
            producer.send(new ProducerRecord<>(topic, "rollout:" + rollout, json.writeValueAsString(good)))
                    .get();

            var dead = dlq.readUntil(r -> "not json at all".equals(r.value()), Duration.ofSeconds(15));
            assertThat(dead).extracting(r -> r.value()).contains(poison, "not json at all");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rolloutSessions(rollout) == 1);
        }
    }

    @Test
    void liveCountsAreRolledUpIntoPostgres() {
        String family = "hist-" + UUID.randomUUID().toString().substring(0, 6);
        post(List.of(
                        session(family, "3.0.0", null, null, "JP"),
                        session(family, "3.0.0", null, null, "JP"),
                        crash(family, "3.0.0", null, null, "JP")))
                .statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            rollup.rollup().await().atMost(Duration.ofSeconds(5));
            List<Map<String, Object>> hours = given().get(
                            "/api/v1/telemetry/versions/" + family + "/3.0.0/history?hours=2")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            return !hours.isEmpty()
                    && Integer.valueOf(2).equals(((Map<?, ?>) hours.get(0).get("metrics")).get("sessions"))
                    && Integer.valueOf(1).equals(((Map<?, ?>) hours.get(0).get("metrics")).get("fatal"));
        });
        given().get("/api/v1/telemetry/versions/" + family + "/3.0.0/history?hours=0")
                .then()
                .statusCode(400);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
