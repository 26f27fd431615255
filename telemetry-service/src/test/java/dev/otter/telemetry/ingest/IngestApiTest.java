package dev.otter.telemetry.ingest;

import static dev.otter.telemetry.testing.Events.crash;
import static dev.otter.telemetry.testing.Events.post;
import static dev.otter.telemetry.testing.Events.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.otter.contract.KafkaTopic;
import dev.otter.telemetry.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IngestApiTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "otter.namespace")
    String namespace;

    @Test
    void validEventsAreKeptAndInvalidOnesRefusedOneByOne() {
        String family = "ingest-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> noConsent = new HashMap<>(session(family, "1.0.0", null, null, "DE"));
        noConsent.put("consent", false);
        Map<String, Object> personal = new HashMap<>(crash(family, "1.0.0", null, null, "DE"));
        personal.put("description", "crashed for max@example.org");
        Map<String, Object> unknown = new HashMap<>(session(family, "1.0.0", null, null, "DE"));
        unknown.put("device_id", "abc");
        List<Map<String, Object>> batch = List.of(
                session(family, "1.0.0", null, null, "DE"),
                noConsent,
                personal,
                unknown,
                crash(family, "1.0.0", "r-9", "B", "FR"));
        post(batch)
                .statusCode(202)
                .body("accepted", is(2))
                .body("rejected.index", contains(1, 2, 3))
                .body("rejected.code", contains("NO_CONSENT", "PERSONAL_DATA", "PERSONAL_DATA"))
                .body("rejected[1].event_id", is(personal.get("event_id")));
    }

    @Test
    void aBatchWithNothingValidIsA400ListingEveryEvent() {
        Map<String, Object> noConsent = new HashMap<>(session("x-family", "1.0.0", null, null, "DE"));
        noConsent.put("consent", false);
        post(List.of(noConsent, Map.of("type", "session")))
                .statusCode(400)
                .body("code", is("NO_VALID_EVENTS"))
                .body("errors.field", contains("events[0]", "events[1]"));
        post(List.of()).statusCode(400).body("code", is("VALIDATION_FAILED"));
        post(Collections.nCopies(501, session("x-family", "1.0.0", null, null, "DE")))
                .statusCode(413)
                .body("code", is("BATCH_TOO_LARGE"));
    }

    @Test
    void duplicateIdsInOneBatchAreRefused() {
        Map<String, Object> e = session("dup-family", "1.0.0", null, null, "DE");
        post(List.of(e, e)).statusCode(202).body("accepted", is(1)).body("rejected[0].code", is("DUPLICATE_IN_BATCH"));
    }

    @Test
    void kafkaGetsTheEventsKeyedByRolloutWithTheInstallIdReplaced() {
        String rollout = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> event = session("keyed", "2.1.0", rollout, "target", "DE");
        String installId = (String) event.get("install_id");
        try (TopicReader reader = new TopicReader(bootstrap, KafkaTopic.TELEMETRY_EVENTS.topicName(namespace))) {
            post(List.of(event, crash("keyed", "2.1.0", rollout, "target", "DE")))
                    .statusCode(202)
                    .body("accepted", is(2));
            List<ConsumerRecord<String, String>> read =
                    reader.readUntil(r -> ("rollout:" + rollout).equals(r.key()), Duration.ofSeconds(10));
            ConsumerRecord<String, String> record = read.get(read.size() - 1);
            assertThat(record.key()).isEqualTo("rollout:" + rollout);
            // The same event schema travels on, its install id replaced by the keyed hash.
            assertThat(record.value())
                    .contains((String) event.get("event_id"))
                    .contains("\"install_id\":\"")
                    .doesNotContain(installId)
                    .as("fields of other event types are left out, not written as null")
                    .doesNotContain("null");
        }
    }

    @Test
    void hostileBodiesAre4xxNever5xx() {
        List<String> bodies = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "{}",
                "{\"events\": 5}",
                "{\"events\": [null]}",
                "{\"events\": [[1,2]]}",
                "{\"events\": [\"x\"]}",
                "{\"events\": [{\"consent\": true, \"event_id\": {\"a\": 1}}]}",
                "{\"events\": ["));
        for (String body : bodies) {
            int status = io.restassured.RestAssured.given()
                    .contentType("application/json")
                    .body(body)
                    .post("/v1/telemetry/events")
                    .statusCode();
            assertThat(status).as(body).isBetween(400, 499);
        }
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body("{\"events\": [" + "1,".repeat(400_000) + "1]}")
                .post("/v1/telemetry/events")
                .then()
                .statusCode(413);
    }

    @Test
    void acceptedCountMatchesWhatWasSent() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(session("full-" + (i % 3), "1.0.0", null, null, "US"));
        }
        post(batch).statusCode(202).body("accepted", is(500)).body("rejected", hasSize(0));
    }
}
