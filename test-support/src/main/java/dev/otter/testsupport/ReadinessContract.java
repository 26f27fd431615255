package dev.otter.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service's health endpoints promise with all backends up; a service's test extends it
 * (annotated {@code @QuarkusTest}) and names the backends it reports.
 */
public abstract class ReadinessContract {

    /** The readiness checks this service reports, e.g. postgresql, redis, kafka. */
    protected abstract List<String> backends();

    @Test
    void readyWhenEveryBackendAnswers() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(backends().toArray(String[]::new)))
                .body("checks.status", everyItem(is("UP")));
    }

    @Test
    void aliveWithoutBackends() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }
}
