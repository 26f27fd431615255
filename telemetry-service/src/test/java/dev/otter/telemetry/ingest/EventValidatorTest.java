package dev.otter.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.otter.telemetry.ingest.api.Rejection;
import dev.otter.telemetry.ingest.service.EventValidator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule());
    private final EventValidator validator = new EventValidator(json, Duration.ofDays(7), Duration.ofMinutes(10));

    private ObjectNode event(String type) {
        ObjectNode e = json.createObjectNode()
                .put("event_id", "evt-00000001")
                .put("type", type)
                .put("occurred_at", "2026-11-22T09:59:00Z")
                .put("consent", true)
                .put("install_id", "install-0001")
                .put("family", "assistant")
                .put("version", "2.1.0")
                .put("rollout_id", "r-1")
                .put("variant", "target")
                .put("region", "DE");
        switch (type) {
            case "error" ->
                e.put("severity", "FATAL").put("error_code", "E_OOM").put("description", "out of memory");
            case "update" -> e.put("update_stage", "applied").put("from_version", "2.0.0");
            case "resource" -> e.put("cpu_percent", 55.5).put("battery_drain_per_hour", 1.2);
            default -> e.put("session_seconds", 120);
        }
        return e;
    }

    private Rejection.Code code(ObjectNode e) {
        EventValidator.Outcome o = validator.check(0, e, NOW);
        return o.rejection() == null ? null : o.rejection().code();
    }

    @Test
    void everyTypeIsAcceptedWhenComplete() {
        for (String type : new String[] {"session", "error", "update", "resource"}) {
            assertThat(code(event(type))).as(type).isNull();
        }
    }

    @Test
    void withoutConsentNothingIsLookedAtFurther() {
        assertThat(code(event("session").put("consent", false))).isEqualTo(Rejection.Code.NO_CONSENT);
        ObjectNode missing = event("session");
        missing.remove("consent");
        assertThat(code(missing)).isEqualTo(Rejection.Code.NO_CONSENT);
        assertThat(code(event("session").put("consent", "yes"))).isEqualTo(Rejection.Code.NO_CONSENT);
    }

    @Test
    void personalDataIsRefusedByNameAndByLook() {
        assertThat(code(event("session").put("email", "a@b.co"))).isEqualTo(Rejection.Code.PERSONAL_DATA);
        assertThat(code(event("session").put("imei", "x"))).isEqualTo(Rejection.Code.PERSONAL_DATA);
        assertThat(code(event("error").put("description", "user bob@example.com crashed")))
                .isEqualTo(Rejection.Code.PERSONAL_DATA);
        assertThat(code(event("error").put("scenario", "10.0.0.12"))).isEqualTo(Rejection.Code.PERSONAL_DATA);
    }

    @Test
    void unknownFieldsAreRefusedNotDropped() {
        assertThat(code(event("session").put("colour", "blue"))).isEqualTo(Rejection.Code.UNKNOWN_FIELD);
    }

    @Test
    void missingAndInvalidFields() {
        ObjectNode noId = event("session");
        noId.remove("event_id");
        assertThat(code(noId)).isEqualTo(Rejection.Code.MISSING_FIELD);
        ObjectNode noSeverity = event("error");
        noSeverity.remove("severity");
        assertThat(code(noSeverity)).isEqualTo(Rejection.Code.MISSING_FIELD);
        assertThat(code(event("error").put("severity", "BAD"))).isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(code(event("update").put("update_stage", "exploded"))).isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(code(event("resource").put("cpu_percent", 120))).isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(code(event("session").put("version", "2.1"))).isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(code(event("session").put("region", "de"))).isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(code(event("session").put("session_seconds", "long"))).isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(code(event("session").put("occurred_at", "2026-11-01T00:00:00Z")))
                .isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(code(event("session").put("occurred_at", "2026-11-22T11:00:00Z")))
                .isEqualTo(Rejection.Code.INVALID_FIELD);
        ObjectNode variantAlone = event("session");
        variantAlone.remove("rollout_id");
        assertThat(code(variantAlone)).isEqualTo(Rejection.Code.INVALID_FIELD);
        assertThat(validator
                        .check(3, json.getNodeFactory().textNode("x"), NOW)
                        .rejection()
                        .index())
                .isEqualTo(3);
    }
}
