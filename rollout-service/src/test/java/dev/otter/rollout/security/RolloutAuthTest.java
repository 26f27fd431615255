package dev.otter.rollout.security;

import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollouts change only with the operator (or admin) role; publishers and viewers read; the audit
 * names the token's subject; refused requests leave no rollout and no audit entry behind.
 */
@QuarkusTest
class RolloutAuthTest {

    private static ValidatableResponse createAs(String authorization, Map<String, Object> body) {
        return given().header("Authorization", authorization)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/rollouts")
                .then();
    }

    private static String as(String subject, String... roles) {
        return TestTokens.bearer(TestTokens.forRoles(subject, roles));
    }

    @Test
    void onlyOperatorsChangeRolloutsAndTheAuditNamesThem() {
        String family = uniqueFamily();
        Map<String, Object> body = simpleRollout(family);
        createAs(DefaultCredentials.NONE, body)
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", is("AUTHENTICATION_REQUIRED"));
        createAs(as("vera", "viewer"), body).statusCode(403).body("code", is("FORBIDDEN"));
        createAs(as("pat", "publisher"), body).statusCode(403).body("code", is("FORBIDDEN"));
        given().header("Authorization", as("vera", "viewer"))
                .get("/api/v1/rollouts?family=" + family)
                .then()
                .statusCode(200)
                .body("", empty());

        String id =
                createAs(as("olga", "operator"), body).statusCode(201).extract().path("id");
        given().header("Authorization", as("vera", "viewer"))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/rollouts/" + id + "/start")
                .then()
                .statusCode(403);
        given().header("Authorization", as("ada", "admin"))
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/rollouts/" + id + "/start")
                .then()
                .statusCode(200);
        given().header("Authorization", as("pat", "publisher"))
                .get("/api/v1/rollouts/" + id + "/audit")
                .then()
                .statusCode(200)
                .body("size()", is(2))
                .body("actor", everyItem(org.hamcrest.Matchers.oneOf("olga", "ada")))
                .body("find { it.action == 'START' }.actor", is("ada"));
        given().header("Authorization", DefaultCredentials.NONE)
                .get("/api/v1/audit")
                .then()
                .statusCode(401);
    }
}
