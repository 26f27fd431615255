package dev.otter.manifest.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMapperTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void apiExceptionKeepsItsCodeAndStatus() {
        given().get("/test-support/failures/api")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("code", is("INVALID_PARAMETER"))
                .body("title", is("Invalid parameter"))
                .body("detail", is("family must be lower-case"))
                .body("type", is("https://otter.dev/problems/invalid-parameter"))
                .body("instance", is("/test-support/failures/api"));
    }

    @Test
    void unexpectedFailureIsA500WithALoggedId() {
        given().get("/test-support/failures/bug")
                .then()
                .statusCode(500)
                .contentType(PROBLEM)
                .body("code", is("INTERNAL_ERROR"))
                .body("detail", startsWith("unexpected failure, logged as "));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post("/test-support/failures/body")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("code", is("MALFORMED_JSON"));
    }

    @Test
    void wrongFieldTypeNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"a\", \"size\": \"big\"}")
                .post("/test-support/failures/body")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("code", is("INVALID_FIELD"))
                .body("errors[0].field", is("size"));
    }

    @Test
    void constraintViolationsListEveryField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"\", \"size\": -1}")
                .post("/test-support/failures/body")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("name", "size"));
    }

    @Test
    void wrongMethodAndMediaTypeAreProblemsToo() {
        given().delete("/test-support/failures/api")
                .then()
                .statusCode(405)
                .contentType(PROBLEM)
                .body("code", is("METHOD_NOT_ALLOWED"))
                .body("detail", is("DELETE is not allowed on /test-support/failures/api"));
        given().contentType(ContentType.TEXT)
                .body("x")
                .post("/test-support/failures/body")
                .then()
                .statusCode(415)
                .contentType(PROBLEM)
                .body("code", is("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void unknownPathUnderAKnownRootIsA404Problem() {
        given().get("/test-support/failures/nope")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("code", is("NOT_FOUND"))
                .body("detail", is("no resource at /test-support/failures/nope"));
    }
}
