package dev.otter.manifest.update;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.sha256;
import static dev.otter.manifest.testing.CatalogApi.transition;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static dev.otter.manifest.testing.CatalogApi.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UpdateCheckApiTest {

    @Test
    void deviceGetsTheNewestPublishedVersionItCanRun() {
        String family = uniqueFamily("check");
        createFamily(family).statusCode(201);
        publish(family, "2.0.0");
        publish(family, "2.1.0");

        check(checkBody(family, "2.0.0", "3b", 8192, "stable"))
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("decisions[0].family", is(family))
                .body("decisions[0].action", is("UPDATE"))
                .body("decisions[0].reason", is("NEWER_VERSION"))
                .body("decisions[0].installed_version", is("2.0.0"))
                .body("decisions[0].version", is("2.1.0"))
                .body("decisions[0].artifact.url", is(url("2.1.0", "3b")))
                .body("decisions[0].artifact.sha256", is(sha256("2.1.0", "3b")))
                .body("decisions[0].artifact.size_bytes", is(1_740_000_000))
                .body("decisions[0].release_notes", is("notes 2.1.0"))
                .body("decisions[0].download.wifi_only", is(true))
                .body("decisions[0].download.user_confirmation_required", is(true))
                .body("decisions[0].assignment", nullValue())
                .body("check_again_after", allOf(greaterThanOrEqualTo(11_520), lessThanOrEqualTo(17_280)))
                .body("catalog_revision", greaterThan(0));

        check(checkBody(family, "2.1.0", "3b", 8192, "stable"))
                .body("decisions[0].action", is("NO_UPDATE"))
                .body("decisions[0].reason", is("UP_TO_DATE"));
        check(checkBody(family, null, "3b", 4096, "stable"))
                .body("decisions[0].action", is("INCOMPATIBLE"))
                .body("decisions[0].missing[0].message", is("needs 6144 MB RAM, has 4096"));
    }

    @Test
    void retiringAVersionRollsItsDevicesBackAndThenUninstallsWhenNothingIsLeft() {
        String family = uniqueFamily("retire");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        publish(family, "1.1.0");
        transition(family, "1.1.0", "retire", "crashes on load").statusCode(200);

        check(checkBody(family, "1.1.0", "1b", 8192, "stable"))
                .body("decisions[0].action", is("ROLLBACK"))
                .body("decisions[0].reason", is("INSTALLED_RETIRED"))
                .body("decisions[0].version", is("1.0.0"))
                .body("decisions[0].message", is("1.1.0 reached end of service (crashes on load); go back to 1.0.0"));

        transition(family, "1.0.0", "retire", "end of service").statusCode(200);
        check(checkBody(family, "1.0.0", "1b", 8192, "stable"))
                .body("decisions[0].action", is("UNINSTALL"))
                .body("decisions[0].reason", is("RETIRED"));
    }

    @Test
    void severalFamiliesAreDecidedInOneCheck() {
        String a = uniqueFamily("multi-a");
        String b = uniqueFamily("multi-b");
        createFamily(a).statusCode(201);
        createFamily(b).statusCode(201);
        publish(a, "1.0.0");
        publish(b, "3.0.0-rc.1", "beta");
        Map<String, Object> body = new HashMap<>(checkBody(a, null, "1b", 8192, "beta"));
        body.put(
                "models",
                List.of(
                        Map.of("family", a, "preferred_tier", "1b"),
                        Map.of("family", b, "preferred_tier", "1b"),
                        Map.of("family", "never-registered")));
        check(body)
                .statusCode(200)
                .body("decisions.action", org.hamcrest.Matchers.contains("UPDATE", "UPDATE", "NO_UPDATE"))
                .body("decisions[1].version", is("3.0.0-rc.1"))
                .body("decisions[2].reason", is("UNKNOWN_FAMILY"));
    }

    @Test
    void malformedRequestsAre400ProblemsNever5xx() {
        Map<String, Object> valid = checkBody("assistant", "1.0.0", "1b", 8192, "stable");
        List<String> bodies = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "{}",
                "42",
                "\"text\"",
                "{\"install_id\": ",
                "{\"models\": 5}",
                "{\"models\": [5]}",
                "{\"ram_mb\": \"lots\"}",
                "{\"ram_mb\": 1e40}",
                "{\"ram_mb\": 99999999999}",
                "{\"install_id\": {\"nested\": [1, 2, {\"deep\": true}]}}",
                "{\"region\": \"DE\u0000\"}"));
        for (Object evil : List.of(
                "x".repeat(10_000),
                "' OR 1=1 --",
                "<script>alert(1)</script>",
                "../../etc/passwd",
                "\u202e\u0000\uD83D\uDE00",
                "${jndi:ldap://x}",
                -1,
                Long.MAX_VALUE,
                List.of(),
                Map.of())) {
            for (String field :
                    List.of("install_id", "app_version", "region", "channel", "ram_mb", "platform", "os_version")) {
                Map<String, Object> body = new HashMap<>(valid);
                body.put(field, evil);
                bodies.add(toJson(body));
            }
            Map<String, Object> body = new HashMap<>(valid);
            body.put("models", List.of(Map.of("family", evil, "installed_version", evil)));
            bodies.add(toJson(body));
        }
        for (String body : bodies) {
            Response response = given().contentType(ContentType.JSON).body(body).post("/v1/update-check");
            assertThat(response.statusCode())
                    .as(body.length() > 200 ? body.substring(0, 200) : body)
                    .isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("code"))
                    .isIn("VALIDATION_FAILED", "MALFORMED_JSON", "INVALID_FIELD");
        }
        given().contentType(ContentType.TEXT)
                .body("hello")
                .post("/v1/update-check")
                .then()
                .statusCode(415);
        given().get("/v1/update-check").then().statusCode(405).body("code", is("METHOD_NOT_ALLOWED"));
    }

    @Test
    void validationNamesEachBadField() {
        Map<String, Object> body = new HashMap<>(checkBody("assistant", "1.0.0", "1b", 8192, "stable"));
        body.put("region", "XX");
        body.put("ram_mb", -1);
        check(body)
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors.field", hasItem("region"))
                .body("errors.field", hasItem("ram_mb"));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
