package dev.otter.manifest.security;

import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.otter.devtokens.DevKeys;
import dev.otter.devtokens.DevTokens;
import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator endpoints take only verified tokens with the right role: missing, expired, foreign-key
 * and wrong-issuer tokens are 401, a role too weak is 403, and the refused request changed nothing.
 */
@QuarkusTest
class OperatorAuthTest {
    @TempDir
    static Path otherKeys;

    private static ValidatableResponse createFamily(String authorization, String name) {
        return given().header("Authorization", authorization)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/v1/families")
                .then();
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/problem+json").body("code", is(code));
    }

    @Test
    void badTokensAre401AndWeakRolesAre403AndNothingIsStored() {
        String name = uniqueFamily("auth");
        var now = Instant.now();
        var key = DevKeys.loadOrCreate(TestTokens.KEY_DIR).getPrivate();
        String expired = DevTokens.mint(
                key, "otter-local", "eve", List.of("admin"), now.minusSeconds(7200), Duration.ofHours(1));
        String wrongIssuer = DevTokens.mint(key, "someone-else", "eve", List.of("admin"), now, Duration.ofHours(1));
        String foreign = DevTokens.mint(
                DevKeys.loadOrCreate(otherKeys).getPrivate(), "eve", List.of("admin"), Duration.ofHours(1));

        createFamily(DefaultCredentials.NONE, name)
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("code", is("AUTHENTICATION_REQUIRED"));
        refused(createFamily("Bearer not-a-jwt", name), 401, "AUTHENTICATION_REQUIRED");
        refused(createFamily(TestTokens.bearer(expired), name), 401, "AUTHENTICATION_REQUIRED");
        refused(createFamily(TestTokens.bearer(wrongIssuer), name), 401, "AUTHENTICATION_REQUIRED");
        refused(createFamily(TestTokens.bearer(foreign), name), 401, "AUTHENTICATION_REQUIRED");
        refused(createFamily(TestTokens.bearer(TestTokens.forRoles("vera", "viewer")), name), 403, "FORBIDDEN");
        refused(createFamily(TestTokens.bearer(TestTokens.forRoles("otto", "operator")), name), 403, "FORBIDDEN");
        refused(createFamily(TestTokens.bearer(TestTokens.forRoles("nobody")), name), 403, "FORBIDDEN");
        given().get("/api/v1/families/" + name).then().statusCode(404);

        createFamily(TestTokens.bearer(TestTokens.forRoles("pat", "publisher")), name)
                .statusCode(201)
                .body("created_by", is("pat"));
        // Reading needs a role too; every writer role implies viewer.
        given().header("Authorization", DefaultCredentials.NONE)
                .get("/api/v1/families/" + name)
                .then()
                .statusCode(401);
        for (String role : List.of("viewer", "publisher", "operator", "admin")) {
            given().header("Authorization", TestTokens.bearer(TestTokens.forRoles("r", role)))
                    .get("/api/v1/families/" + name)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void theUploadRouteChecksTheTokenBeforeReadingTheBody() {
        String sha = "a".repeat(64);
        given().header("Authorization", DefaultCredentials.NONE)
                .contentType("application/octet-stream")
                .body(new byte[1024])
                .post("/api/v1/uploads?sha256=" + sha)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", is("AUTHENTICATION_REQUIRED"));
        given().header("Authorization", TestTokens.bearer(TestTokens.forRoles("otto", "operator")))
                .contentType("application/octet-stream")
                .body(new byte[1024])
                .post("/api/v1/uploads?sha256=" + sha)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", is("FORBIDDEN"));
    }

    @Test
    void publicKeysAndHealthNeedNoToken() {
        given().header("Authorization", DefaultCredentials.NONE)
                .get("/.well-known/otter-keys.json")
                .then()
                .statusCode(200);
        given().header("Authorization", DefaultCredentials.NONE)
                .get("/q/health/live")
                .then()
                .statusCode(200);
    }
}
