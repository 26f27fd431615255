package dev.otter.manifest.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Drives the publisher API over HTTP for tests. */
public final class CatalogApi {
    public static final String ACTOR = "alice@example.com";

    /** A publisher token whose subject is {@link #ACTOR}: histories must record that subject. */
    public static final String PUBLISHER =
            dev.otter.testsupport.TestTokens.bearer(dev.otter.testsupport.TestTokens.forRoles(ACTOR, "publisher"));

    private CatalogApi() {}

    /** A family name no other test uses. */
    public static String uniqueFamily(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ValidatableResponse createFamily(String name) {
        return post("/api/v1/families", Map.of("name", name));
    }

    public static ValidatableResponse createVersion(String family, String version, String channel) {
        return post(
                "/api/v1/families/" + family + "/versions",
                Map.of("version", version, "channel", channel, "release_notes", "notes " + version));
    }

    public static ValidatableResponse addArtifact(String family, String version, String tier, long size, int minRamMb) {
        return post(
                "/api/v1/families/" + family + "/versions/" + version + "/artifacts",
                Map.of(
                        "tier", tier,
                        "urls", List.of(url(version, tier)),
                        "size_bytes", size,
                        "sha256", sha256(version, tier),
                        "requirements", Map.of("min_app_version", "3.0.0", "min_ram_mb", minRamMb)));
    }

    public static ValidatableResponse transition(String family, String version, String action, String reason) {
        return post(
                "/api/v1/families/" + family + "/versions/" + version + "/" + action,
                reason == null ? Map.of() : Map.of("reason", reason));
    }

    /** Creates and publishes a stable version with a 1b (2 GB) and a 3b (6 GB) tier. */
    public static void publish(String family, String version) {
        publish(family, version, "stable");
    }

    public static void publish(String family, String version, String channel) {
        createVersion(family, version, channel).statusCode(201);
        addArtifact(family, version, "1b", 612_000_000L, 2048).statusCode(201);
        addArtifact(family, version, "3b", 1_740_000_000L, 6144).statusCode(201);
        transition(family, version, "publish", null).statusCode(200);
    }

    public static String url(String version, String tier) {
        return "https://cdn.example.com/models/v" + version + "/model-" + tier + "-q4.gguf";
    }

    /** A deterministic, distinct sha256 per version and tier. */
    public static String sha256(String version, String tier) {
        String seed = Integer.toHexString((version + "/" + tier).hashCode());
        return (seed + "0123456789abcdef".repeat(4)).substring(0, 64);
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", PUBLISHER)
                .body(body)
                .when()
                .post(path)
                .then();
    }

    /** An update-check body for a healthy Android phone with the given RAM. */
    public static Map<String, Object> checkBody(
            String family, String installed, String tier, int ramMb, String channel) {
        Map<String, Object> model = installed == null
                ? Map.of("family", family, "preferred_tier", tier)
                : Map.of("family", family, "installed_version", installed, "preferred_tier", tier);
        return Map.ofEntries(
                Map.entry("install_id", "3f1c9a2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8"),
                Map.entry("app_version", "3.2.0"),
                Map.entry("runtime_version", "1.4.0"),
                Map.entry("platform", "android"),
                Map.entry("os_version", "14"),
                Map.entry("device_model", "Pixel 8"),
                Map.entry("ram_mb", ramMb),
                Map.entry("free_storage_mb", 20_000),
                Map.entry("region", "DE"),
                Map.entry("channel", channel),
                Map.entry("models", List.of(model)));
    }

    public static ValidatableResponse check(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/update-check")
                .then();
    }
}
