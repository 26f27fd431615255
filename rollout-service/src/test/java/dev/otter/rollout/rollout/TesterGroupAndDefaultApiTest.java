package dev.otter.rollout.rollout;

import static dev.otter.rollout.testing.RolloutApi.action;
import static dev.otter.rollout.testing.RolloutApi.createId;
import static dev.otter.rollout.testing.RolloutApi.put;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TesterGroupAndDefaultApiTest {

    @Test
    void testerGroupsAreReplacedDeduplicatedAndProtectedWhileInUse() {
        String name = "qa-" + uniqueFamily().substring(2);
        put(
                        "/api/v1/tester-groups/" + name,
                        Map.of("description", "QA", "install_ids", List.of("phone-001", "phone-002", "phone-001")))
                .statusCode(200)
                .body("install_ids", contains("phone-001", "phone-002"));
        put("/api/v1/tester-groups/" + name, Map.of("install_ids", List.of("phone-003")))
                .statusCode(200)
                .body("install_ids", contains("phone-003"));
        given().get("/api/v1/tester-groups/" + name).then().statusCode(200).body("updated_by", is("ops@example.com"));

        Map<String, Object> body = new HashMap<>(simpleRollout(uniqueFamily()));
        body.put("rules", Map.of("tester_groups", List.of(name)));
        String id = createId(body);
        action(id, "start", null).statusCode(200);
        given().delete("/api/v1/tester-groups/" + name).then().statusCode(409).body("code", is("TESTER_GROUP_IN_USE"));
        action(id, "complete", null).statusCode(200);
        given().delete("/api/v1/tester-groups/" + name).then().statusCode(204);
        given().get("/api/v1/tester-groups/" + name).then().statusCode(404).body("code", is("TESTER_GROUP_NOT_FOUND"));

        Map<String, Object> missing = new HashMap<>(simpleRollout(uniqueFamily()));
        missing.put("rules", Map.of("tester_groups", List.of("no-such-group")));
        dev.otter.rollout.testing.RolloutApi.create(missing).statusCode(404).body("code", is("TESTER_GROUP_NOT_FOUND"));
        put("/api/v1/tester-groups/Bad Name", Map.of("install_ids", List.of())).statusCode(400);
        put("/api/v1/tester-groups/ok", Map.of("install_ids", List.of("has space")))
                .statusCode(400)
                .body("errors[0].field", is("install_ids[0]"));
    }

    @Test
    void channelDefaultsArePinnedCheckedAuditedAndUnpinned() {
        String family = uniqueFamily();
        put("/api/v1/channel-defaults/" + family + "/stable", Map.of("version", "2.1.0"))
                .statusCode(200)
                .body("version", is("2.1.0"))
                .body("channel", is("stable"));
        put("/api/v1/channel-defaults/" + family + "/stable", Map.of("version", "3.0.0"))
                .statusCode(409)
                .body("code", is("VERSION_NOT_RELEASABLE"));
        put("/api/v1/channel-defaults/" + family + "/nightly", Map.of("version", "2.1.0"))
                .statusCode(400);
        put("/api/v1/channel-defaults/" + family + "/stable", Map.of("version", "2.1"))
                .statusCode(400);
        given().get("/api/v1/channel-defaults/" + family).then().body("version", contains("2.1.0"));
        given().get("/api/v1/audit?family=" + family).then().body("action", hasItem("SET_CHANNEL_DEFAULT"));
        given().delete("/api/v1/channel-defaults/" + family + "/stable").then().statusCode(204);
        given().delete("/api/v1/channel-defaults/" + family + "/stable")
                .then()
                .statusCode(404)
                .body("code", is("CHANNEL_DEFAULT_NOT_FOUND"));
        given().get("/api/v1/channel-defaults/" + family).then().body("size()", is(0));
    }

    @Test
    void rollbackOfAPinnedTargetResetsTheDefaultToTheBaseline() {
        String family = uniqueFamily();
        String id = createId(simpleRollout(family));
        action(id, "start", null).statusCode(200);
        put("/api/v1/channel-defaults/" + family + "/stable", Map.of("version", "2.1.0"))
                .statusCode(200);
        action(id, "rollback", Map.of("reason", "crashes")).statusCode(200);
        given().get("/api/v1/channel-defaults/" + family).then().body("version", contains("2.0.0"));
    }
}
