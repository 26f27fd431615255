package dev.otter.rollout.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Drives the rollout API over HTTP for tests. */
public final class RolloutApi {
    public static final String ACTOR = "ops@example.com";

    /** An operator token whose subject is {@link #ACTOR}: the audit must record that subject. */
    public static final String OPERATOR =
            dev.otter.testsupport.TestTokens.bearer(dev.otter.testsupport.TestTokens.forRoles(ACTOR, "operator"));

    private RolloutApi() {}

    public static String uniqueFamily() {
        return "f-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A single-target rollout 2.0.0 → 2.1.0 with bake-free stages 10 % → 50 % → 100 %. */
    public static Map<String, Object> simpleRollout(String family) {
        Map<String, Object> body = new HashMap<>();
        body.put("family", family);
        body.put("channel", "stable");
        body.put("name", "2.1.0 to everyone");
        body.put("baseline_version", "2.0.0");
        body.put("target_version", "2.1.0");
        body.put(
                "stages",
                List.of(
                        Map.of("percentage", 10, "min_bake", "PT0S"),
                        Map.of("percentage", 50, "min_bake", "PT1H"),
                        Map.of("percentage", 100)));
        return body;
    }

    public static ValidatableResponse create(Map<String, Object> body) {
        return post("/api/v1/rollouts", body);
    }

    /** Creates a rollout and returns its id. */
    public static String createId(Map<String, Object> body) {
        return create(body).statusCode(201).extract().path("id");
    }

    public static ValidatableResponse action(String id, String action, Object body) {
        return post("/api/v1/rollouts/" + id + "/" + action, body == null ? Map.of() : body);
    }

    public static ValidatableResponse put(String path, Object body) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body(body)
                .when()
                .put(path)
                .then();
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", OPERATOR)
                .body(body)
                .when()
                .post(path)
                .then();
    }
}
