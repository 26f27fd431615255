package dev.otter.rollout.rollout;

import static dev.otter.rollout.testing.RolloutApi.action;
import static dev.otter.rollout.testing.RolloutApi.createId;
import static dev.otter.rollout.testing.RolloutApi.put;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.otter.contract.rollout.Bucketing;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssignmentApiTest {

    private static JsonPath explain(String id, String query) {
        return given().get("/api/v1/rollouts/" + id + "/assignment?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void explainsBucketRuleVariantAndVersionWithTheSharedHash() {
        String id = createId(simpleRollout(uniqueFamily()));
        String salt = given().get("/api/v1/rollouts/" + id).then().extract().path("salt");
        action(id, "start", null).statusCode(200); // 10 %

        // Find one device inside and one outside the 10 % with the same hash manifest-service uses.
        String inside = null;
        String outside = null;
        for (int i = 0; (inside == null || outside == null) && i < 1000; i++) {
            String candidate = "device-" + i;
            if (Bucketing.bucket(salt, candidate) < 1_000) {
                inside = inside == null ? candidate : inside;
            } else {
                outside = outside == null ? candidate : outside;
            }
        }
        JsonPath in = explain(id, "installId=" + inside);
        assertThat(in.getBoolean("in_cohort")).isTrue();
        assertThat(in.getString("rule")).isEqualTo("percentage");
        assertThat(in.getInt("bucket")).isEqualTo(Bucketing.bucket(salt, inside));
        assertThat(in.getString("variant")).isEqualTo("target");
        assertThat(in.getString("version")).isEqualTo("2.1.0");
        assertThat(in.getString("explanation")).startsWith("in the cohort (percentage: bucket ");

        JsonPath out = explain(id, "installId=" + outside);
        assertThat(out.getBoolean("in_cohort")).isFalse();
        assertThat(out.getString("version")).isEqualTo("2.0.0");
        assertThat(out.getString("variant")).isNull();
    }

    @Test
    void testersAreInFirstAndRulesExplainWhyOthersAreNot() {
        put(
                        "/api/v1/tester-groups/staff-" + uniqueFamily().substring(2),
                        Map.of("install_ids", List.of("staff-phone-1")))
                .statusCode(200);
        String group = given().get("/api/v1/tester-groups")
                .then()
                .extract()
                .path("find { it.install_ids.contains('staff-phone-1') }.name");
        Map<String, Object> body = new HashMap<>(simpleRollout(uniqueFamily()));
        body.put(
                "rules", Map.of("regions_include", List.of("DE"), "min_ram_mb", 6144, "tester_groups", List.of(group)));
        body.put("stages", List.of(Map.of("percentage", 0.01), Map.of("percentage", 100)));
        String id = createId(body);
        action(id, "start", null).statusCode(200);

        JsonPath tester = explain(id, "installId=staff-phone-1&region=US");
        assertThat(tester.getBoolean("in_cohort")).isTrue();
        assertThat(tester.getString("rule")).isEqualTo("tester");
        assertThat(tester.getString("version")).isEqualTo("2.1.0");

        JsonPath france = explain(id, "installId=someone&region=FR&ramMb=8192");
        assertThat(france.getString("rule")).isEqualTo("region");
        assertThat(france.getString("detail")).isEqualTo("region FR is not included");
        JsonPath small = explain(id, "installId=someone&region=de&ramMb=4096");
        assertThat(small.getString("detail")).isEqualTo("needs 6144 MB RAM, has 4096");
    }

    @Test
    void explainingBeforeStartAndAfterRollback() {
        String id = createId(simpleRollout(uniqueFamily()));
        given().get("/api/v1/rollouts/" + id + "/assignment?installId=abc")
                .then()
                .statusCode(200)
                .body("status", is("DRAFT"))
                .body("explanation", containsString("at the first stage"));
        action(id, "start", null).statusCode(200);
        action(id, "rollback", Map.of("reason", "crashes")).statusCode(200);
        given().get("/api/v1/rollouts/" + id + "/assignment?installId=abc")
                .then()
                .body("version", is("2.0.0"))
                .body("explanation", containsString("rolled back (crashes)"));
    }

    @Test
    void badQueriesAre400() {
        String id = createId(simpleRollout(uniqueFamily()));
        given().get("/api/v1/rollouts/" + id + "/assignment")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"));
        given().get("/api/v1/rollouts/" + id + "/assignment?installId=a&ramMb=lots")
                .then()
                .statusCode(400)
                .body("code", is("INVALID_PARAMETER"));
        given().get("/api/v1/rollouts/" + id + "/assignment?installId=a&appVersion=x.y")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("appVersion"))
                .body("errors[0].message", containsString("not a version"))
                .body("instance", containsString(id))
                .body("type", org.hamcrest.Matchers.notNullValue())
                .body("title", is("Validation failed"))
                .body("status", is(400))
                .body("errors[1]", nullValue());
    }
}
