package dev.otter.telemetry.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWhenEveryBackendAnswers() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body(
                        "checks.findAll { it.name in ['postgresql', 'redis', 'kafka'] }.name",
                        containsInAnyOrder("postgresql", "redis", "kafka"))
                .body("checks.status", everyItem(is("UP")));
    }

    @Test
    void aliveWithoutBackends() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }
}
