package dev.otter.manifest.update;

import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.sha256;
import static dev.otter.manifest.testing.CatalogApi.transition;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static dev.otter.manifest.testing.CatalogApi.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LegacyApiTest {

    @Test
    void manifestHasExactlyTheSeedShape() {
        String family = uniqueFamily("seed");
        createFamily(family).statusCode(201);
        publish(family, "2.0.0");
        publish(family, "2.1.0");

        String body = given().get("/v1/manifest.json?family=" + family)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .asString();
        String expected = "{\"current_version\":\"2.1.0\",\"models\":{"
                + "\"1b\":{\"url\":\"" + url("2.1.0", "1b") + "\",\"size_bytes\":612000000,\"sha256\":\""
                + sha256("2.1.0", "1b") + "\",\"min_app_version\":\"3.0.0\",\"release_notes\":\"notes 2.1.0\"},"
                + "\"3b\":{\"url\":\"" + url("2.1.0", "3b") + "\",\"size_bytes\":1740000000,\"sha256\":\""
                + sha256("2.1.0", "3b") + "\",\"min_app_version\":\"3.0.0\",\"release_notes\":\"notes 2.1.0\"}},"
                + "\"rollback_version\":\"2.0.0\","
                + "\"rollback_url_1b\":\"" + url("2.0.0", "1b") + "\","
                + "\"rollback_url_3b\":\"" + url("2.0.0", "3b") + "\"";
        // The seed fields, exactly and in order; then the signed freshness fields old clients ignore.
        assertThat(body).startsWith(expected);
        assertThat(body.substring(expected.length()))
                .matches(",\"issued_at\":\"[0-9TZ:.-]+\",\"expires_at\":\"[0-9TZ:.-]+\",\"catalog_revision\":\\d+}");
    }

    @Test
    void manifestIsCacheableWithETagsAnd304() {
        String family = uniqueFamily("etag");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        Response first = given().get("/v1/manifest.json?family=" + family + "&channel=stable");
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=60");

        given().header("If-None-Match", etag)
                .get("/v1/manifest.json?family=" + family)
                .then()
                .statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", "public, max-age=60");
        given().header("If-None-Match", "\"other\", W/" + etag)
                .get("/v1/manifest.json?family=" + family)
                .then()
                .statusCode(304);
        given().header("If-None-Match", "\"stale\"")
                .get("/v1/manifest.json?family=" + family)
                .then()
                .statusCode(200);

        publish(family, "1.1.0");
        Response after = given().header("If-None-Match", etag).get("/v1/manifest.json?family=" + family);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(etag);
        assertThat(after.jsonPath().getString("current_version")).isEqualTo("1.1.0");
    }

    @Test
    void manifestWithASingleVersionRollsBackToItselfAndRemoteRollbackWorks() {
        String family = uniqueFamily("single");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        given().get("/v1/manifest.json?family=" + family)
                .then()
                .body("rollback_version", is("1.0.0"))
                .body("rollback_url_1b", is(url("1.0.0", "1b")));

        // Remote rollback (seed 000): retire the bad version and every client "updates" back.
        publish(family, "1.1.0");
        transition(family, "1.1.0", "retire", "bad answers").statusCode(200);
        given().get("/v1/manifest.json?family=" + family).then().body("current_version", is("1.0.0"));
    }

    @Test
    void modelInfoAndModelUpdateFollowSeed001() {
        String family = uniqueFamily("hot");
        createFamily(family).statusCode(201);
        publish(family, "1.2.0");
        publish(family, "1.3.0");

        given().get("/v1/model/info?family=" + family)
                .then()
                .statusCode(200)
                .body("version", is("1.3.0"))
                .body("family", is(family))
                .body("channel", is("stable"));

        given().contentType(ContentType.JSON)
                .body(Map.of("device_id", "dev_12345", "current_version", "v1.2", "family", family))
                .post("/v1/model/update")
                .then()
                .statusCode(200)
                .body("need_update", is(true))
                .body("target_version", is("1.3.0"))
                .body("download_url", is(url("1.3.0", "1b")));
        given().contentType(ContentType.JSON)
                .body(Map.of("device_id", "dev_12345", "current_version", "1.3.0", "family", family, "tier", "3b"))
                .post("/v1/model/update")
                .then()
                .statusCode(200)
                .body("need_update", is(false))
                .body("target_version", is("1.3.0"))
                .body("download_url", nullValue());
    }

    @Test
    void healthIsOk() {
        given().get("/health").then().statusCode(200).body("status", is("ok"));
    }

    @Test
    void badLegacyRequestsAre4xxProblems() {
        String family = uniqueFamily("legacy-bad");
        createFamily(family).statusCode(201);
        given().get("/v1/manifest.json?family=" + family).then().statusCode(404).body("code", is("NOTHING_PUBLISHED"));
        given().get("/v1/manifest.json?family=nope-nope").then().statusCode(404).body("code", is("FAMILY_NOT_FOUND"));
        given().get("/v1/manifest.json").then().statusCode(400).body("code", is("FAMILY_REQUIRED"));
        given().get("/v1/manifest.json?family=" + family + "&channel=nightly")
                .then()
                .statusCode(400)
                .body("code", is("INVALID_PARAMETER"));
        given().contentType(ContentType.JSON)
                .body(Map.of("current_version", "1.0.0", "family", family))
                .post("/v1/model/update")
                .then()
                .statusCode(400)
                .body("code", is("INVALID_PARAMETER"));
        given().contentType(ContentType.JSON)
                .body(Map.of("device_id", "d1", "current_version", "latest", "family", family))
                .post("/v1/model/update")
                .then()
                .statusCode(400)
                .body("code", is("INVALID_PARAMETER"));
        given().contentType(ContentType.JSON)
                .body("{")
                .post("/v1/model/update")
                .then()
                .statusCode(400)
                .body("code", is("MALFORMED_JSON"));
    }
}
