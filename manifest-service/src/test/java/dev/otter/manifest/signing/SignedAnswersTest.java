package dev.otter.manifest.signing;

import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.manifest.signing.service.SignedJson;
import dev.otter.manifest.signing.service.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignedAnswersTest {

    private static byte[] activeKey() {
        JsonPath keys = given().get("/.well-known/otter-keys.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(keys.getString("keys[0].kid")).isEqualTo("dev-1");
        assertThat(keys.getString("keys[0].alg")).isEqualTo("Ed25519");
        assertThat(keys.getString("keys[0].status")).isEqualTo("active");
        return Base64.getUrlDecoder().decode(keys.getString("keys[0].public_key"));
    }

    private static String sig(String header) {
        assertThat(header).startsWith("keyid=dev-1;alg=Ed25519;sig=");
        return header.substring(header.indexOf("sig=") + 4);
    }

    @Test
    void updateCheckAnswersAreSignedOverTheirExactBytesAndCarryTheirFreshness() {
        String family = uniqueFamily("signed");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        Response answer = given().contentType(ContentType.JSON)
                .body(checkBody(family, null, "1b", 4096, "stable"))
                .post("/v1/update-check");
        assertThat(answer.statusCode()).isEqualTo(200);
        byte[] body = answer.asByteArray();
        String signature = sig(answer.header(SignedJson.HEADER));
        byte[] key = activeKey();
        assertThat(SigningKeys.verify(key, body, signature)).isTrue();
        body[body.length / 2] ^= 1;
        assertThat(SigningKeys.verify(key, body, signature))
                .as("one flipped bit")
                .isFalse();

        JsonPath json = answer.jsonPath();
        Instant issued = Instant.parse(json.getString("issued_at"));
        Instant expires = Instant.parse(json.getString("expires_at"));
        assertThat(Duration.between(issued, expires)).isEqualTo(Duration.ofHours(24));
        assertThat(Duration.between(issued, Instant.now())).isBetween(Duration.ZERO, Duration.ofSeconds(61));
        assertThat(json.getLong("catalog_revision")).isPositive();
        assertThat(json.getString("decisions[0].action")).isEqualTo("UPDATE");
        // Canonical form: keys in lexicographic order, no whitespace.
        String text = answer.asString();
        assertThat(text)
                .startsWith("{\"catalog_revision\":")
                .doesNotContain("\n")
                .doesNotContain(": ");
    }

    @Test
    void legacyManifestsAreSignedToo() {
        String family = uniqueFamily("signedlegacy");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        Response manifest = given().get("/v1/manifest.json?family=" + family);
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(SigningKeys.verify(activeKey(), manifest.asByteArray(), sig(manifest.header(SignedJson.HEADER))))
                .isTrue();
        assertThat(manifest.jsonPath().getString("expires_at")).isNotBlank();
        assertThat(manifest.jsonPath().getLong("catalog_revision")).isPositive();
    }
}
