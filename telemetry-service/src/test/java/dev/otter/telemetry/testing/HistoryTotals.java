package dev.otter.telemetry.testing;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

/** A version's total of one metric in telemetry-service's history (the last two hours). */
public final class HistoryTotals {
    private HistoryTotals() {}

    public static long of(String family, String version, String metric) {
        List<Map<String, Object>> hours = given().get(
                        "/api/v1/telemetry/versions/" + family + "/" + version + "/history?hours=2")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        long total = 0;
        for (Map<String, Object> hour : hours) {
            Object n = ((Map<?, ?>) hour.get("metrics")).get(metric);
            total += n == null ? 0 : ((Number) n).longValue();
        }
        return total;
    }
}
