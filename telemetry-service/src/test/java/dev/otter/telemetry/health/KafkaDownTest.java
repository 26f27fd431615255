package dev.otter.telemetry.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.otter.testsupport.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(KafkaDownTest.Unreachable.class)
class KafkaDownTest {

    /** Points kafka at a closed loopback port; everything else stays real. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @Test
    void notReadyAndNamesTheBackend() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'kafka' }.status", is("DOWN"))
                // the client's own timeout or the check's deadline, whichever fires first on a busy machine
                .body(
                        "checks.find { it.name == 'kafka' }.data.error",
                        anyOf(containsString("Timed out"), containsString("no answer within")));
        given().when()
                .get(ReadinessContract.DEPENDENCIES)
                .then()
                .body("checks.find { it.name == 'kafka' }.status", is("DOWN"))
                .body("checks.find { it.name == 'postgresql' }.status", is("UP"));
    }
}
