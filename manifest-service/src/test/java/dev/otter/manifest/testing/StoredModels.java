package dev.otter.manifest.testing;

import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createVersion;
import static dev.otter.manifest.testing.CatalogApi.post;
import static dev.otter.manifest.testing.CatalogApi.transition;
import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Uploaded model files as releases: publish one as a version's 1b tier, read its patches, check from it. */
public final class StoredModels {
    private StoredModels() {}

    public static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Uploads a model (streamed from disk) and publishes it as the 1b tier of {@code version}; returns its sha256. */
    public static String publish(String family, String version, Path file) throws Exception {
        String sha = sha256(file);
        given().contentType("application/octet-stream")
                .body(file.toFile())
                .post("/api/v1/uploads?sha256=" + sha)
                .then()
                .statusCode(201);
        createVersion(family, version, "stable").statusCode(201);
        post("/api/v1/families/" + family + "/versions/" + version + "/artifacts", Map.of("tier", "1b", "file", sha))
                .statusCode(201);
        transition(family, version, "publish", null).statusCode(200);
        return sha;
    }

    /** The patches made to {@code version}. */
    public static JsonPath patches(String family, String version) {
        return given().get("/api/v1/families/" + family + "/versions/" + version + "/patches")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** An update-check body of a device holding {@code version}'s 1b file {@code sha}. */
    public static Map<String, Object> checkFrom(String family, String version, String sha) {
        Map<String, Object> body = new HashMap<>(checkBody(family, version, "1b", 4096, "stable"));
        body.put(
                "models",
                List.of(Map.of(
                        "family",
                        family,
                        "installed_version",
                        version,
                        "installed_sha256",
                        sha,
                        "preferred_tier",
                        "1b")));
        return body;
    }
}
