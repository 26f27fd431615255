package dev.otter.manifest.security;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input limits: too deep, too long, too large and unknown-field bodies are 4xx problems before any
 * work is done, and device requests stay tolerant of fields they do not know.
 */
@QuarkusTest
class HostileInputTest {

    private static ValidatableResponse createFamily(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/families")
                .then();
    }

    private static void problem(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/problem+json").body("code", is(code));
    }

    @Test
    void deepLongAndHugeBodiesAreRefused() {
        // Depth is checked as tokens are read: a device's ignored field is skipped token by token.
        String deep = "{\"install_id\":\"x\",\"extra\":" + "[".repeat(40) + "]".repeat(40) + "}";
        problem(
                given().contentType(ContentType.JSON)
                        .body(deep)
                        .post("/v1/update-check")
                        .then(),
                400,
                "MALFORMED_JSON");
        String name = uniqueFamily("long");
        problem(
                createFamily("{\"name\":\"" + name + "\",\"description\":\"" + "x".repeat(70_000) + "\"}"),
                400,
                "MALFORMED_JSON");
        problem(createFamily("{\"name\":\"" + name + "\",\"x\":" + "9".repeat(60) + "}"), 400, "MALFORMED_JSON");
        problem(
                createFamily("{\"name\":\"" + name + "\",\"description\":\"" + "x".repeat(1_100_000) + "\"}"),
                413,
                "PAYLOAD_TOO_LARGE");
        given().get("/api/v1/families/" + name).then().statusCode(404);
    }

    @Test
    void controlCharactersInIdentifiersAndNulInTextAre400sNot500s() {
        problem(given().urlEncodingEnabled(false).get("/api/v1/families/%00").then(), 400, "INVALID_PARAMETER");
        problem(
                given().urlEncodingEnabled(false)
                        .get("/api/v1/families?x=a%01b")
                        .then(),
                400,
                "INVALID_PARAMETER");
        String name = uniqueFamily("nul");
        createFamily("{\"name\":\"" + name + "\",\"description\":\"a\\u0000b\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("INVALID_FIELD"))
                .body("errors[0].field", is("description"))
                .body("errors[0].message", is("NUL characters are not accepted"));
        given().get("/api/v1/families/" + name).then().statusCode(404);
    }

    @Test
    void operatorRequestsRefuseUnknownFieldsDeviceRequestsIgnoreThem() {
        String name = uniqueFamily("strict");
        createFamily("{\"name\":\"" + name + "\",\"dispaly_name\":\"typo\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("INVALID_FIELD"))
                .body("errors[0].field", is("dispaly_name"))
                .body("errors[0].message", containsString("unknown field"));
        given().get("/api/v1/families/" + name).then().statusCode(404);

        Map<String, Object> body = new HashMap<>(checkBody(name, null, "1b", 8192, "stable"));
        body.put("a_field_from_a_newer_sdk", Map.of("x", 1));
        check(body).statusCode(200);
    }
}
