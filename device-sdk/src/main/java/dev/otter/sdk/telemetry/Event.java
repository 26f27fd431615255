package dev.otter.sdk.telemetry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One telemetry event as Otter receives it (docs/api.md, "Telemetry"): a type, its fields, and an
 * {@code event_id} that stays the same however often it is sent, so Otter counts it once.
 */
public final class Event {
    private final Map<String, Object> fields;

    Event(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** An event of {@code type} with the fields given (it must carry an {@code event_id}). */
    public static Event of(Map<String, Object> fields) {
        if (!(fields.get("event_id") instanceof String)) {
            throw new IllegalArgumentException("an event needs an event_id");
        }
        return new Event(new LinkedHashMap<>(fields));
    }

    public String id() {
        return (String) fields.get("event_id");
    }

    public String type() {
        return (String) fields.get("type");
    }

    /** A field's value, or null. */
    public Object get(String name) {
        return fields.get(name);
    }

    /** The same event with one more field. */
    public Event with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return new Event(copy);
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }
}
