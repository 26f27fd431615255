package dev.otter.manifest.catalog;

import static dev.otter.manifest.testing.CatalogApi.ACTOR;
import static dev.otter.manifest.testing.CatalogApi.addArtifact;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.createVersion;
import static dev.otter.manifest.testing.CatalogApi.post;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.sha256;
import static dev.otter.manifest.testing.CatalogApi.transition;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogApiTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void versionLifecycleIsRecordedWithWhoAndWhen() {
        String family = uniqueFamily("life");
        createFamily(family)
                .statusCode(201)
                .header("Location", endsWith("/api/v1/families/" + family))
                .body("created_by", is(ACTOR));
        createVersion(family, "1.0.0", "stable").statusCode(201).body("status", is("DRAFT"));
        addArtifact(family, "1.0.0", "1b", 612_000_000L, 2048)
                .statusCode(201)
                .body("sha256", is(sha256("1.0.0", "1b")))
                .body("requirements.min_app_version", is("3.0.0"));
        transition(family, "1.0.0", "publish", null)
                .statusCode(200)
                .body("status", is("PUBLISHED"))
                .body("published_by", is(ACTOR))
                .body("published_at", notNullValue());
        transition(family, "1.0.0", "deprecate", "superseded").statusCode(200).body("status", is("DEPRECATED"));
        transition(family, "1.0.0", "retire", "license ended")
                .statusCode(200)
                .body("status", is("RETIRED"))
                .body("status_reason", is("license ended"));

        given().get("/api/v1/families/" + family + "/versions/1.0.0")
                .then()
                .statusCode(200)
                .body("history.action", contains("CREATED", "ARTIFACT_ADDED", "PUBLISHED", "DEPRECATED", "RETIRED"))
                .body("history.actor", everyItem(is(ACTOR)))
                .body("history[4].from_status", is("DEPRECATED"))
                .body("history[4].to_status", is("RETIRED"))
                .body("history[4].detail", is("license ended"));
    }

    @Test
    void versionsAreListedNewestFirstBySemver() {
        String family = uniqueFamily("order");
        createFamily(family).statusCode(201);
        for (String v : List.of("2.9.0", "2.10.0", "2.10.0-rc.1", "1.0.0")) {
            createVersion(family, v, "beta").statusCode(201);
        }
        given().get("/api/v1/families/" + family + "/versions")
                .then()
                .statusCode(200)
                .body("version", contains("2.10.0", "2.10.0-rc.1", "2.9.0", "1.0.0"));
        given().get("/api/v1/families/" + family).then().statusCode(200).body("versions", is(4));
        given().get("/api/v1/families").then().statusCode(200).body("name", hasItem(family));
    }

    @Test
    void publishedVersionsAreImmutableAndTransitionsFollowTheTable() {
        String family = uniqueFamily("immut");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        problem(addArtifact(family, "1.0.0", "7b", 4_000_000_000L, 8192), 409, "VERSION_IMMUTABLE");
        problem(transition(family, "1.0.0", "publish", null), 409, "ILLEGAL_TRANSITION");
        createVersion(family, "1.1.0", "stable").statusCode(201);
        problem(transition(family, "1.1.0", "deprecate", null), 409, "ILLEGAL_TRANSITION");
        problem(transition(family, "1.1.0", "publish", null), 409, "NO_ARTIFACT");
        problem(transition(family, "1.0.0", "retire", null), 400, "VALIDATION_FAILED");
        transition(family, "1.0.0", "retire", "broken").statusCode(200);
        problem(transition(family, "1.0.0", "deprecate", "x"), 409, "ILLEGAL_TRANSITION");
    }

    @Test
    void duplicatesAreConflicts() {
        String family = uniqueFamily("dup");
        createFamily(family).statusCode(201);
        problem(createFamily(family), 409, "FAMILY_EXISTS");
        createVersion(family, "1.0.0", "stable").statusCode(201);
        problem(createVersion(family, "1.0.0", "beta"), 409, "VERSION_EXISTS");
        addArtifact(family, "1.0.0", "1b", 1, 0).statusCode(201);
        problem(addArtifact(family, "1.0.0", "1b", 2, 0), 409, "ARTIFACT_EXISTS");
    }

    @Test
    void concurrentDuplicateCreationsYieldOneCreatedAndConflictsNever500() {
        String family = uniqueFamily("race");
        createFamily(family).statusCode(201);
        List<CompletableFuture<Integer>> attempts = new ArrayList<>();
        IntStream.range(0, 6)
                .forEach(i -> attempts.add(CompletableFuture.supplyAsync(
                        () -> createVersion(family, "3.0.0", "stable").extract().statusCode())));
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
    }

    @Test
    void invalidInputIsA400WithACodeAndTheField() {
        String family = uniqueFamily("bad");
        createFamily(family).statusCode(201);
        createVersion(family, "1.0.0", "stable").statusCode(201);
        String versions = "/api/v1/families/" + family + "/versions";

        problem(createVersion(family, "1.0", "stable"), 400, "INVALID_VERSION");
        problem(createVersion(family, "01.0.0", "stable"), 400, "INVALID_VERSION");
        problem(createVersion(family, "1.0.1+build.7", "stable"), 400, "INVALID_VERSION");
        problem(post(versions, Map.of("version", "1.2.0", "channel", "nightly")), 400, "VALIDATION_FAILED")
                .body("errors[0].field", is("channel"));
        problem(post(versions, Map.of("version", "1.2.0", "urgent", true)), 400, "VALIDATION_FAILED")
                .body("errors[0].field", is("urgent_reason"));
        problem(createFamily("Not A Name"), 400, "VALIDATION_FAILED").body("errors[0].field", is("name"));

        String artifacts = versions + "/1.0.0/artifacts";
        Map<String, Object> good = Map.of(
                "tier",
                "1b",
                "urls",
                List.of("https://cdn.example.com/a.gguf"),
                "size_bytes",
                10,
                "sha256",
                "f".repeat(64));
        problem(post(artifacts, with(good, "sha256", "f".repeat(63))), 400, "VALIDATION_FAILED")
                .body("errors[0].field", is("sha256"));
        problem(post(artifacts, with(good, "sha256", "g".repeat(64))), 400, "VALIDATION_FAILED");
        problem(post(artifacts, with(good, "size_bytes", -1)), 400, "VALIDATION_FAILED")
                .body("errors[0].field", is("size_bytes"));
        problem(post(artifacts, with(good, "size_bytes", 0)), 400, "VALIDATION_FAILED");
        problem(post(artifacts, with(good, "urls", List.of("ftp://x"))), 400, "VALIDATION_FAILED");
        problem(post(artifacts, with(good, "urls", List.of())), 400, "VALIDATION_FAILED");
        problem(post(artifacts, with(good, "requirements", Map.of("min_ram_mb", -5))), 400, "VALIDATION_FAILED")
                .body("errors[0].field", is("requirements.min_ram_mb"));
        problem(
                        post(
                                artifacts,
                                with(
                                        good,
                                        "requirements",
                                        Map.of("min_runtime_version", "2.0", "max_runtime_version", "1.9"))),
                        400,
                        "INVALID_VERSION")
                .body("errors[0].field", is("requirements.max_runtime_version"));
        problem(post(artifacts, with(good, "size_bytes", "big")), 400, "INVALID_FIELD")
                .body("errors[0].field", is("size_bytes"));
        problem(post(artifacts, with(good, "size_bytes", 1e30)), 400, "INVALID_FIELD");

        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"tier\": ")
                        .post(artifacts)
                        .then(),
                400,
                "MALFORMED_JSON");
        problem(given().contentType(ContentType.JSON).post(artifacts).then(), 400, "VALIDATION_FAILED");
        problem(
                given().header("Authorization", TestTokens.bearer(TestTokens.forRoles("reader", "viewer")))
                        .contentType(ContentType.JSON)
                        .body(good)
                        .post(artifacts)
                        .then(),
                403,
                "FORBIDDEN");
        problem(
                given().header("Authorization", DefaultCredentials.NONE)
                        .contentType(ContentType.JSON)
                        .body(good)
                        .post(artifacts)
                        .then(),
                401,
                "AUTHENTICATION_REQUIRED");
        // nothing above was stored
        given().get(versions + "/1.0.0").then().body("artifacts", org.hamcrest.Matchers.empty());
    }

    @Test
    void unknownThingsAre404s() {
        problem(given().get("/api/v1/families/no-such-family").then(), 404, "FAMILY_NOT_FOUND");
        problem(createVersion("no-such-family", "1.0.0", "stable"), 404, "FAMILY_NOT_FOUND");
        String family = uniqueFamily("miss");
        createFamily(family).statusCode(201);
        problem(given().get("/api/v1/families/" + family + "/versions/9.9.9").then(), 404, "VERSION_NOT_FOUND");
        problem(given().get("/api/v1/families/" + family + "/versions/latest").then(), 400, "INVALID_VERSION");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static io.restassured.response.ValidatableResponse problem(
            io.restassured.response.ValidatableResponse response, int status, String code) {
        return response.statusCode(status).contentType(PROBLEM).body("code", is(code));
    }
}
