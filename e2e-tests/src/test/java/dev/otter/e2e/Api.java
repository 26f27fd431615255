package dev.otter.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;

/** What the end-to-end tests do to the running services, over HTTP. */
final class Api {
    private Api() {}

    /** Registers a family and publishes each version with one 1b artifact. */
    static void publish(String family, String... versions) {
        post(OtterSystem.manifestUrl() + "/api/v1/families", Map.of("name", family));
        publishVersion(family, versions);
    }

    /** Publishes versions (with one artifact each) in a family that exists. */
    static void publishVersion(String family, String... versions) {
        for (String version : versions) {
            String base = OtterSystem.manifestUrl() + "/api/v1/families/" + family + "/versions";
            post(base, Map.of("version", version));
            post(
                    base + "/" + version + "/artifacts",
                    Map.of(
                            "tier",
                            "1b",
                            "urls",
                            List.of("https://cdn.example.com/" + version + "/1b.gguf"),
                            "size_bytes",
                            600_000_000L,
                            "sha256",
                            (version.replace(".", "") + "f".repeat(64)).substring(0, 64)));
            post(base + "/" + version + "/publish", Map.of());
        }
    }

    static JsonPath check(String family, String installId, String region, String installed) {
        return check(family, installId, region, installed, Map.of());
    }

    /** The same with more device facts ({@code device_class}, …) in the request. */
    static JsonPath check(String family, String installId, String region, String installed, Map<String, Object> facts) {
        Map<String, Object> model = new HashMap<>(Map.of("family", family, "preferred_tier", "1b"));
        if (installed != null) {
            model.put("installed_version", installed);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("install_id", installId);
        body.put("app_version", "3.0.0");
        body.put("runtime_version", "1.0.0");
        body.put("platform", "android");
        body.put("os_version", "14");
        body.put("ram_mb", 8192);
        body.put("free_storage_mb", 20_000);
        body.put("region", region);
        body.put("channel", "stable");
        body.put("models", List.of(model));
        body.putAll(facts);
        return given().contentType(ContentType.JSON)
                .body(body)
                .post(OtterSystem.manifestUrl() + "/v1/update-check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Reports sessions and crashes of a rollout's variant (or of a version outside rollouts); returns when all got 202. */
    static void report(String family, String version, String rolloutId, String variant, int sessions, int crashes) {
        report(family, version, rolloutId, variant, "DE", sessions, crashes);
    }

    /** The same, from devices in {@code region}. */
    static void report(
            String family, String version, String rolloutId, String variant, String region, int sessions, int crashes) {
        report(family, version, rolloutId, variant, Map.of("region", region), sessions, crashes);
    }

    /** The same, from devices described by {@code facts} (region, device_class, platform, os_version). */
    static void report(
            String family,
            String version,
            String rolloutId,
            String variant,
            Map<String, Object> facts,
            int sessions,
            int crashes) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < sessions + crashes; i++) {
            Map<String, Object> e = new HashMap<>();
            e.put("event_id", UUID.randomUUID().toString());
            e.put("type", i < sessions ? "session" : "error");
            e.put("occurred_at", Instant.now().toString());
            e.put("consent", true);
            e.put("install_id", "device-" + (i % 97));
            e.put("family", family);
            e.put("version", version);
            e.putAll(facts);
            if (rolloutId != null) {
                e.put("rollout_id", rolloutId);
                e.put("variant", variant);
            }
            if (i >= sessions) {
                e.put("severity", "FATAL");
                e.put("error_code", "E_SIGSEGV");
            }
            events.add(e);
        }
        for (int from = 0; from < events.size(); from += 500) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("events", events.subList(from, Math.min(events.size(), from + 500))))
                    .post(OtterSystem.telemetryUrl() + "/v1/telemetry/events")
                    .then()
                    .statusCode(202);
        }
    }

    static JsonPath get(String url) {
        return given().get(url).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath post(String url, Object body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post(url)
                .then()
                .statusCode(Matchers.either(Matchers.is(200)).or(Matchers.is(201)))
                .extract()
                .jsonPath();
    }
}
