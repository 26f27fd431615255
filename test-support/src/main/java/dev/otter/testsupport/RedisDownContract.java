package dev.otter.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every service's health says when Redis is unreachable and PostgreSQL is not. A service's
 * test extends it, annotated {@code @QuarkusTest @TestProfile(RedisDownContract.Unreachable.class)},
 * says whether Redis gates its readiness, and adds what its own features do without Redis.
 */
public abstract class RedisDownContract {

    /** Points Redis at a closed loopback port; everything else stays real. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    /** Whether this service cannot serve without Redis. */
    protected abstract boolean redisGatesReadiness();

    @Test
    void theOutageIsReportedWithItsReason() {
        given().when()
                .get(ReadinessContract.DEPENDENCIES)
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'redis' }.status", is("DOWN"))
                .body("checks.find { it.name == 'redis' }.data.error", containsString("onnect"))
                .body("checks.find { it.name == 'postgresql' }.status", is("UP"));
    }

    @Test
    void readinessNamesRedisOnlyWhereItGates() {
        var ready = given().when().get(ReadinessContract.READINESS_PROBE).then();
        if (redisGatesReadiness()) {
            ready.statusCode(503).body("checks.find { it.name == 'redis' }.status", is("DOWN"));
        } else {
            ready.body("checks.name", not(hasItem("redis")));
        }
    }
}
