package dev.otter.manifest.health;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RedisDownTest.Unreachable.class)
class RedisDownTest {

    /** Points redis at a closed loopback port; everything else stays real. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @Test
    void notReadyAndNamesTheBackend() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'redis' }.status", is("DOWN"))
                .body("checks.find { it.name == 'redis' }.data.error", containsString("onnect"))
                .body("checks.find { it.name == 'postgresql' }.status", is("UP"))
                .body("checks.find { it.name == 'catalog' }.status", is("UP"));
    }

    /**
     * Publishing needs only PostgreSQL. Devices are refused with a retryable 503 (fail closed): with
     * Redis away since the start, no app key set was ever loaded, so no device can be admitted.
     * (Once loaded, a set outlives a Redis outage: GrayReleaseE2ETest checks that.)
     */
    @Test
    void publishingKeepsWorkingAndDevicesAreToldToRetryUntilAppKeysLoad() {
        String family = uniqueFamily("noredis");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        check(checkBody(family, null, "1b", 8192, "stable"))
                .statusCode(503)
                .contentType("application/problem+json")
                .body("code", is("BACKEND_UNAVAILABLE"))
                .body("detail", containsString("app keys"));
    }
}
