package dev.otter.manifest.app;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.otter.contract.AppKeys;
import dev.otter.contract.RedisKeys;
import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * App keys end to end through PostgreSQL and Redis: an admin makes one (shown once, stored only
 * as a hash), devices with it are answered, devices without it or with an unknown key get 401,
 * and a revoked key is refused within moments.
 */
@QuarkusTest
class AppKeyTest {
    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    private static ValidatableResponse checkWith(String key, String family) {
        return given().header(AppKeys.HEADER, key)
                .contentType(ContentType.JSON)
                .body(checkBody(family, null, "1b", 8192, "stable"))
                .post("/v1/update-check")
                .then();
    }

    @Test
    void anAdminMakesKeysDevicesUseThemAndRevokedOnesAreRefused() {
        String family = uniqueFamily("keys");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        String app = "app-" + family.substring(family.length() - 8);

        given().contentType(ContentType.JSON)
                .body(Map.of("id", app, "name", "Keys test"))
                .post("/api/v1/apps")
                .then()
                .statusCode(201)
                .body("created_by", is(TestTokens.ADMIN_SUBJECT));
        given().header("Authorization", TestTokens.bearer(TestTokens.forRoles("pat", "publisher")))
                .post("/api/v1/apps/" + app + "/keys")
                .then()
                .statusCode(403)
                .body("code", is("FORBIDDEN"));
        var created = given().post("/api/v1/apps/" + app + "/keys")
                .then()
                .statusCode(201)
                .body("key", startsWith(AppKeys.PREFIX))
                .body("id", notNullValue())
                .extract();
        String key = created.path("key");
        String keyId = created.path("id");
        // Stored and published as a hash only; the listing shows a prefix, never the key.
        assertThat(redis.hash(String.class).hget(keys.appKeys(), AppKeys.hash(key)))
                .isEqualTo(app);
        String listing = given().get("/api/v1/apps/" + app)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(listing).contains(keyId).doesNotContain(key);

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> checkWith(key, family).statusCode(200).body("decisions[0].action", is("UPDATE")));
        checkWith(DefaultCredentials.NONE, family)
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", AppKeys.HEADER)
                .body("code", is("APP_KEY_REJECTED"))
                .body("detail", is(AppKeys.HEADER + " header is missing"));
        checkWith(AppKeys.PREFIX + "made-up", family).statusCode(401).body("code", is("APP_KEY_REJECTED"));
        checkWith("x".repeat(5000), family).statusCode(401).body("code", is("APP_KEY_REJECTED"));

        given().post("/api/v1/apps/" + app + "/keys/" + keyId + "/revoke")
                .then()
                .statusCode(200)
                .body("revoked_by", is(TestTokens.ADMIN_SUBJECT));
        assertThat(redis.hash(String.class).hget(keys.appKeys(), AppKeys.hash(key)))
                .isNull();
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> checkWith(key, family).statusCode(401).body("code", is("APP_KEY_REJECTED")));
        // Revoking again is harmless; unknown apps and keys are 404s with their codes.
        given().post("/api/v1/apps/" + app + "/keys/" + keyId + "/revoke")
                .then()
                .statusCode(200);
        given().post("/api/v1/apps/" + app + "/keys/key-0000/revoke")
                .then()
                .statusCode(404)
                .body("code", is("APP_KEY_NOT_FOUND"));
        given().post("/api/v1/apps/no-such-app/keys").then().statusCode(404).body("code", is("APP_NOT_FOUND"));
        given().contentType(ContentType.JSON)
                .body(Map.of("id", app, "name", "again"))
                .post("/api/v1/apps")
                .then()
                .statusCode(409)
                .body("code", is("APP_EXISTS"));
        check(checkBody(family, null, "1b", 8192, "stable")).statusCode(200); // the test key still works
    }
}
