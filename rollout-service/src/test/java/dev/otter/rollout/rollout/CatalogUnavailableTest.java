package dev.otter.rollout.rollout;

import static dev.otter.rollout.testing.RolloutApi.create;
import static dev.otter.rollout.testing.RolloutApi.simpleRollout;
import static dev.otter.rollout.testing.RolloutApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without the catalog nothing is stored: the operator gets a 503 and can retry. */
@QuarkusTest
@TestProfile(CatalogUnavailableTest.NoCatalog.class)
class CatalogUnavailableTest {

    /** Points the catalog client at a closed port. */
    public static class NoCatalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.catalog.url", "http://127.0.0.1:1");
        }
    }

    @Test
    void createIsA503AndStoresNothing() {
        String family = uniqueFamily();
        create(simpleRollout(family)).statusCode(503).body("code", is("CATALOG_UNAVAILABLE"));
        given().get("/api/v1/rollouts?family=" + family).then().statusCode(200).body("size()", is(0));
    }
}
