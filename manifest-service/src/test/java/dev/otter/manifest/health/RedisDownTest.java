package dev.otter.manifest.health;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.otter.testsupport.RedisDownContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RedisDownContract.Unreachable.class)
class RedisDownTest extends RedisDownContract {

    @Override
    protected boolean redisGatesReadiness() {
        return false;
    }

    /** Without Redis since the start no app key was ever read: the pod cannot admit devices yet. */
    @Test
    void theCatalogLoadsButNoAppKeysWereEverRead() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'catalog' }.status", is("UP"))
                .body("checks.find { it.name == 'app-keys' }.status", is("DOWN"));
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
