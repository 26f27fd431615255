package dev.otter.telemetry.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.otter.contract.Identifiers;
import dev.otter.contract.telemetry.TelemetryEvent;
import dev.otter.contract.version.SemVer;
import dev.otter.telemetry.ingest.api.Rejection;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks one event: consent first (nothing of an event without it is looked at further), then
 * unknown and personal fields, types, required fields per type, ranges and free text. Returns the
 * event ready for Kafka, or the reason it is refused.
 */
public final class EventValidator {
    private static final Set<String> TYPES = Set.of("session", "error", "update", "resource");
    private static final Set<String> SEVERITIES = Set.of("FATAL", "SEVERE", "GENERAL", "MINOR");
    private static final Set<String> STAGES =
            Set.of("download_started", "downloaded", "verify_failed", "applied", "load_failed", "rolled_back_locally");
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    private static final Pattern EVENT_ID = Pattern.compile("^[A-Za-z0-9_-]{8,64}$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final Set<String> FIELDS = Arrays.stream(TelemetryEvent.class.getRecordComponents())
            .map(RecordComponent::getName)
            .map(n -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(n))
            .collect(Collectors.toUnmodifiableSet());

    private final ObjectMapper json;
    private final java.util.Map<String, Boolean> versions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Duration maxSkew;

    public EventValidator(ObjectMapper json, Duration maxAge, Duration maxSkew) {
        this.json = json;
        this.maxAge = maxAge;
        this.maxSkew = maxSkew;
    }

    /** Either a valid event or a rejection. */
    public record Outcome(TelemetryEvent event, Rejection rejection) {}

    /** Why an event is refused: a missing field or an invalid one. */
    private record Fault(Rejection.Code code, String reason) {}

    private static Fault missing(String field) {
        return new Fault(Rejection.Code.MISSING_FIELD, "missing " + field);
    }

    private static Fault invalid(String reason) {
        return new Fault(Rejection.Code.INVALID_FIELD, reason);
    }

    public Outcome check(int index, JsonNode node, Instant now) {
        if (node == null || !node.isObject()) {
            return reject(index, null, Rejection.Code.INVALID_FIELD, "an event must be a JSON object");
        }
        String eventId =
                node.path("event_id").isTextual() ? node.path("event_id").asText() : null;
        if (!node.path("consent").isBoolean() || !node.path("consent").asBoolean()) {
            return reject(index, eventId, Rejection.Code.NO_CONSENT, "consent must be true; the event was not kept");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (PersonalData.isPersonalField(name)) {
                return reject(
                        index, eventId, Rejection.Code.PERSONAL_DATA, "field " + name + " would carry personal data");
            }
            if (!FIELDS.contains(name)) {
                return reject(index, eventId, Rejection.Code.UNKNOWN_FIELD, "unknown field " + name);
            }
        }
        TelemetryEvent e;
        try {
            e = json.treeToValue(node, TelemetryEvent.class);
        } catch (Exception ex) {
            return reject(
                    index, eventId, Rejection.Code.INVALID_FIELD, "a field has the wrong type: " + shortMessage(ex));
        }
        Fault fault = problem(e, now);
        if (fault != null) {
            return reject(index, eventId, fault.code(), fault.reason());
        }
        for (String text : new String[] {e.description(), e.scenario(), e.errorCode(), e.deviceClass(), e.variant()}) {
            Optional<String> personal = PersonalData.findIn(text);
            if (personal.isPresent()) {
                return reject(index, eventId, Rejection.Code.PERSONAL_DATA, "text seems to contain " + personal.get());
            }
        }
        return new Outcome(e, null);
    }

    // The first fault of the event, or null.
    private Fault problem(TelemetryEvent e, Instant now) {
        if (e.eventId() == null) {
            return missing("event_id");
        }
        if (!EVENT_ID.matcher(e.eventId()).matches()) {
            return invalid("event_id must be 8-64 letters, digits, - or _");
        }
        if (e.type() == null || !TYPES.contains(e.type())) {
            return e.type() == null ? missing("type") : invalid("type must be session, error, update or resource");
        }
        if (e.occurredAt() == null) {
            return missing("occurred_at");
        }
        if (e.occurredAt().isBefore(now.minus(maxAge)) || e.occurredAt().isAfter(now.plus(maxSkew))) {
            return invalid("occurred_at is outside the accepted range (" + maxAge + " back, " + maxSkew + " ahead)");
        }
        if (e.installId() != null
                && !Identifiers.INSTALL_ID_PATTERN.matcher(e.installId()).matches()) {
            return invalid("install_id " + Identifiers.INSTALL_ID_MESSAGE);
        }
        if (!Identifiers.isFamily(e.family())) {
            return e.family() == null ? missing("family") : invalid("family " + Identifiers.FAMILY_MESSAGE);
        }
        if (e.version() == null || !isVersion(e.version())) {
            return e.version() == null ? missing("version") : invalid("version must be a semantic version");
        }
        if (e.variant() != null && e.rolloutId() == null) {
            return invalid("variant given without rollout_id");
        }
        if (!optional(e.rolloutId(), NAME)
                || !optional(e.variant(), NAME)
                || !optional(e.deviceClass(), NAME)
                || !optional(e.platform(), NAME)) {
            return invalid("rollout_id, variant, device_class and platform must be 1-64 letters, digits, . - or _");
        }
        if (e.appVersion() != null && !isLenientVersion(e.appVersion())) {
            return invalid("app_version must be a version");
        }
        if (e.osVersion() != null && !isLenientVersion(e.osVersion())) {
            return invalid("os_version must be a version, e.g. 14 or 17.4.1");
        }
        if (e.region() != null && !REGIONS.contains(e.region())) {
            return invalid("region must be an upper-case ISO 3166-1 alpha-2 code");
        }
        return typeProblem(e);
    }

    private static Fault typeProblem(TelemetryEvent e) {
        switch (e.type()) {
            case "session" -> {
                if (e.sessionSeconds() != null && (e.sessionSeconds() < 0 || e.sessionSeconds() > 86_400)) {
                    return invalid("session_seconds must be 0-86400");
                }
            }
            case "error" -> {
                if (e.severity() == null) {
                    return missing("severity");
                }
                if (!SEVERITIES.contains(e.severity())) {
                    return invalid("severity must be FATAL, SEVERE, GENERAL or MINOR");
                }
                if (e.errorCode() == null) {
                    return missing("error_code");
                }
                if (!NAME.matcher(e.errorCode()).matches()) {
                    return invalid("error_code must be 1-64 letters, digits, . - or _");
                }
                if (e.description() != null && e.description().length() > 1000
                        || e.scenario() != null && e.scenario().length() > 200) {
                    return invalid("description (1000) or scenario (200) too long");
                }
            }
            case "update" -> {
                if (e.updateStage() == null) {
                    return missing("update_stage");
                }
                if (!STAGES.contains(e.updateStage())) {
                    return invalid("update_stage must be one of " + String.join(", ", STAGES));
                }
                if (e.fromVersion() != null && SemVer.tryParse(e.fromVersion()).isEmpty()) {
                    return invalid("from_version must be a semantic version");
                }
            }
            default -> {
                if (e.cpuPercent() == null
                        && e.memoryPercent() == null
                        && e.storagePercent() == null
                        && e.batteryDrainPerHour() == null) {
                    return missing(
                            "resource figures (cpu_percent, memory_percent, storage_percent, battery_drain_per_hour)");
                }
                if (!percent(e.cpuPercent()) || !percent(e.memoryPercent()) || !percent(e.storagePercent())) {
                    return invalid("percentages must be 0-100");
                }
                if (e.batteryDrainPerHour() != null
                        && (e.batteryDrainPerHour() < 0 || e.batteryDrainPerHour() > 1000)) {
                    return invalid("battery_drain_per_hour must be 0-1000");
                }
            }
        }
        return null;
    }

    // A fleet reports few distinct versions: remember which strings are valid (bounded).
    private boolean isVersion(String text) {
        Boolean known = versions.get(text);
        if (known == null) {
            known = SemVer.tryParse(text).isPresent();
            if (versions.size() < 10_000) {
                versions.put(text, known);
            }
        }
        return known;
    }

    private static boolean percent(Double value) {
        return value == null || value >= 0 && value <= 100;
    }

    private static boolean optional(String value, Pattern pattern) {
        return value == null || pattern.matcher(value).matches();
    }

    private static String shortMessage(Exception ex) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        int cut = message.indexOf('\n');
        message = cut < 0 ? message : message.substring(0, cut);
        return message.replaceAll("\\s*\\(.*", "");
    }

    private static Outcome reject(int index, String eventId, Rejection.Code code, String reason) {
        return new Outcome(null, new Rejection(index, eventId, code, reason));
    }

    private static boolean isLenientVersion(String text) {
        if (SemVer.tryParse(text).isPresent()) {
            return true;
        }
        try {
            SemVer.parseLenient(text);
            return true;
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
