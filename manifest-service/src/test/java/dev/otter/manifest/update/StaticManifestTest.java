package dev.otter.manifest.update;

import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.manifest.signing.service.SigningKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Static seed-000 manifests for a CDN: once a family is open to key-less clients, its manifest and
 * detached signature are in the store and served as a CDN origin would serve them, read here by a
 * client written strictly to seed 000 (a plain GET, no key, string fields); they follow the catalog
 * and disappear when the family is closed again.
 */
@QuarkusTest
class StaticManifestTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/static/")
    URI staticRoot;

    /** What a seed-000 client does: GET the manifest URL it was built with, nothing else. */
    private HttpResponse<String> seedClientGet(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(staticRoot.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void legacyAccess(String family, boolean keyless) {
        given().contentType(ContentType.JSON)
                .body(Map.of("keyless", keyless, "reason", "seed-000 app 1.x on the CDN"))
                .put("/api/v1/families/" + family + "/legacy-access")
                .then()
                .statusCode(200);
    }

    @Test
    void aSeed000ClientReadsTheSignedStaticManifestWhichFollowsTheCatalogUntilTheFamilyIsClosed() throws Exception {
        String family = uniqueFamily("cdn");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        publish(family, "1.1.0");
        String path = "manifests/" + family + "/stable/manifest.json";
        assertThat(seedClientGet(path).statusCode())
                .as("not published before the family is opened")
                .isEqualTo(404);

        legacyAccess(family, true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> seedClientGet(path).statusCode() == 200);
        HttpResponse<String> response = seedClientGet(path);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        JsonNode manifest = JSON.readTree(response.body());
        assertThat(manifest.get("current_version").isTextual()).isTrue();
        assertThat(manifest.get("current_version").asText()).isEqualTo("1.1.0");
        JsonNode tier = manifest.get("models").get("1b");
        assertThat(tier.get("url").asText()).startsWith("https://cdn.example.com/models/v1.1.0/");
        assertThat(tier.get("size_bytes").asLong()).isEqualTo(612_000_000L);
        assertThat(tier.get("sha256").asText()).hasSize(64);
        assertThat(tier.get("min_app_version").isTextual()).isTrue();
        assertThat(tier.get("release_notes").isTextual()).isTrue();
        assertThat(manifest.get("rollback_version").asText()).isEqualTo("1.0.0");
        assertThat(manifest.get("rollback_url_1b").asText()).contains("v1.0.0");

        // The detached signature verifies over the exact bytes with the published key.
        HttpResponse<String> sig = seedClientGet(path + ".sig");
        assertThat(sig.statusCode()).isEqualTo(200);
        String header = sig.body();
        assertThat(header).startsWith("keyid=dev-1;alg=Ed25519;sig=");
        byte[] key = Base64.getUrlDecoder()
                .decode(given().get("/.well-known/otter-keys.json")
                        .then()
                        .extract()
                        .path("keys[0].public_key")
                        .toString());
        assertThat(SigningKeys.verify(key, response.body().getBytes(), header.substring(header.indexOf("sig=") + 4)))
                .isTrue();
        // Revalidation is cheap for the CDN.
        HttpResponse<String> again = HTTP.send(
                HttpRequest.newBuilder(staticRoot.resolve(path))
                        .header(
                                "If-None-Match",
                                response.headers().firstValue("ETag").orElseThrow())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);

        // A new version is in the static manifest within seconds; closing the family removes it.
        publish(family, "1.2.0");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(
                        seedClientGet(path).body())
                .path("current_version")
                .asText()
                .equals("1.2.0"));
        assertThat(JSON.readTree(seedClientGet(path).body())
                        .get("rollback_version")
                        .asText())
                .isEqualTo("1.1.0");
        assertThat(seedClientGet("manifests/" + family + "/beta/manifest.json").statusCode())
                .as("beta sees stable versions too")
                .isEqualTo(200);
        legacyAccess(family, false);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> seedClientGet(path).statusCode() == 404);
        assertThat(seedClientGet(path + ".sig").statusCode()).isEqualTo(404);
        assertThat(seedClientGet("../files/" + "a".repeat(64)).statusCode()).isNotEqualTo(200);
    }
}
