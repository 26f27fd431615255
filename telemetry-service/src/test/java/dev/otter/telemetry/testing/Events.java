package dev.otter.telemetry.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds telemetry events and posts batches for tests. */
public final class Events {
    private Events() {}

    public static Map<String, Object> session(
            String family, String version, String rolloutId, String variant, String region) {
        Map<String, Object> e = base("session", family, version, rolloutId, variant, region);
        e.put("session_seconds", 60);
        return e;
    }

    public static Map<String, Object> crash(
            String family, String version, String rolloutId, String variant, String region) {
        Map<String, Object> e = base("error", family, version, rolloutId, variant, region);
        e.put("severity", "FATAL");
        e.put("error_code", "E_SIGSEGV");
        e.put("description", "segfault in ggml_compute_forward");
        return e;
    }

    /** An error of {@code severity} (FATAL is a crash). */
    public static Map<String, Object> error(
            String family, String version, String rolloutId, String variant, String region, String severity) {
        Map<String, Object> e = crash(family, version, rolloutId, variant, region);
        e.put("severity", severity);
        return e;
    }

    /** An update event at {@code stage} (applied, load_failed, downloaded, verify_failed, …). */
    public static Map<String, Object> update(
            String family, String version, String rolloutId, String variant, String region, String stage) {
        Map<String, Object> e = base("update", family, version, rolloutId, variant, region);
        e.put("update_stage", stage);
        return e;
    }

    /** A resource report with the given figures (cpu_percent, memory_percent, storage_percent, battery_drain_per_hour). */
    public static Map<String, Object> resource(
            String family,
            String version,
            String rolloutId,
            String variant,
            String region,
            Map<String, Object> figures) {
        Map<String, Object> e = base("resource", family, version, rolloutId, variant, region);
        e.putAll(figures);
        return e;
    }

    /** Posts events in batches of at most 500, each answered 202. */
    public static void postAll(List<Map<String, Object>> all) {
        for (int from = 0; from < all.size(); from += 500) {
            post(all.subList(from, Math.min(all.size(), from + 500))).statusCode(202);
        }
    }

    /** {@code sessions} sessions and {@code crashes} crashes, in batches of at most 500. */
    public static void report(
            String family, String version, String rolloutId, String variant, String region, int sessions, int crashes) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            all.add(session(family, version, rolloutId, variant, region));
        }
        for (int i = 0; i < crashes; i++) {
            all.add(crash(family, version, rolloutId, variant, region));
        }
        postAll(all);
    }

    public static ValidatableResponse post(List<Map<String, Object>> events) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("events", events))
                .post("/v1/telemetry/events")
                .then();
    }

    private static Map<String, Object> base(
            String type, String family, String version, String rolloutId, String variant, String region) {
        Map<String, Object> e = new HashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("occurred_at", Instant.now().toString());
        e.put("consent", true);
        e.put("install_id", "install-" + UUID.randomUUID().toString().substring(0, 8));
        e.put("family", family);
        e.put("version", version);
        if (rolloutId != null) {
            e.put("rollout_id", rolloutId);
            e.put("variant", variant);
        }
        e.put("region", region);
        return e;
    }
}
