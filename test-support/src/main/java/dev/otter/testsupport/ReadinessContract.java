package dev.otter.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.otter.contract.Health;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service's health endpoints promise with all backends up; a service's test extends it
 * (annotated {@code @QuarkusTest}) and names its backends and which of them gate readiness.
 */
public abstract class ReadinessContract {
    /** The path the Kubernetes readiness probes use (deploy/checks ties the manifests to it). */
    public static final String READINESS_PROBE = Health.READY;

    /** The health group that reports every backend, gating or not. */
    public static final String DEPENDENCIES = Health.DEPENDENCIES;

    /** Every backend this service uses: postgresql, redis, kafka. */
    protected abstract List<String> backends();

    /** The backends whose outage makes this service unready; the others it rides out. */
    protected abstract List<String> readinessGates();

    /** Checks of the service's own that gate readiness, e.g. catalog. */
    protected List<String> ownChecks() {
        return List.of();
    }

    @Test
    void readyWhenEveryBackendAnswers() {
        List<String> ridden =
                backends().stream().filter(b -> !readinessGates().contains(b)).toList();
        var ready = given().when()
                .get(READINESS_PROBE)
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.status", everyItem(is("UP")));
        List<String> expected = new java.util.ArrayList<>(readinessGates());
        expected.addAll(ownChecks());
        ready.body("checks.name", hasItems(expected.toArray(String[]::new)));
        for (String backend : ridden) {
            ready.body("checks.name", not(hasItems(backend)));
        }
    }

    @Test
    void everyBackendIsReportedWithItsOwnGauge() {
        given().when()
                .get(DEPENDENCIES)
                .then()
                .statusCode(200)
                .body("checks.name", containsInAnyOrder(backends().toArray(String[]::new)))
                .body("checks.status", everyItem(is("UP")));
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String backend : backends()) {
            assertThat(
                    metrics,
                    containsString(Health.BACKEND_UP_METRIC + "{backend=\"" + backend + "\",gates_readiness=\""
                            + readinessGates().contains(backend) + "\"} 1.0"));
        }
    }

    @Test
    void aliveWithoutBackends() {
        given().when().get(Health.LIVE).then().statusCode(200).body("status", is("UP"));
    }
}
