package dev.otter.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every service's readiness says when Redis is unreachable and PostgreSQL is not. A service's
 * test extends it, annotated {@code @QuarkusTest @TestProfile(RedisDownContract.Unreachable.class)},
 * and adds what its own features do without Redis.
 */
public abstract class RedisDownContract {

    /** Points Redis at a closed loopback port; everything else stays real. */
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
                .body("checks.find { it.name == 'postgresql' }.status", is("UP"));
    }
}
