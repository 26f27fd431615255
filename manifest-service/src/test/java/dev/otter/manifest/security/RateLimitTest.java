package dev.otter.manifest.security;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Device rate limits: past its budget an install id gets 429 with Retry-After while other devices
 * are still answered, and past the address budget every device behind that address waits.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBudgets.class)
class RateLimitTest {

    private static final long WINDOW_MILLIS = 10_000;

    /** Three checks per install id and eight per address in a 10-second window. */
    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "otter.device.rate-limit.per-install", "3",
                    "otter.device.rate-limit.per-address", "8",
                    "otter.device.rate-limit.window", "10s");
        }
    }

    private static ValidatableResponse checkAs(String installId) {
        Map<String, Object> body = new HashMap<>(checkBody("ratelimit", null, "1b", 8192, "stable"));
        body.put("install_id", installId);
        return check(body);
    }

    private static void limited(ValidatableResponse response, String why) {
        String retryAfter = response.statusCode(429)
                .contentType("application/problem+json")
                .body("code", is("RATE_LIMITED"))
                .body("detail", containsString(why))
                .extract()
                .header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 10);
    }

    @Test
    void anInstallIdAndThenTheAddressRunOutOfBudget() {
        String a = "aaaaaaaa-0000-4000-8000-000000000001";
        // Windows are fixed (every 10 s of the clock): start early in one, so that a window boundary
        // cannot renew the budgets halfway (a run that crossed a minute boundary failed in CI).
        Awaitility.await()
                .atMost(Duration.ofSeconds(11))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> System.currentTimeMillis() % WINDOW_MILLIS < 1_000);
        for (int i = 0; i < 3; i++) {
            checkAs(a).statusCode(200);
        }
        limited(checkAs(a), "install id");
        for (int i = 2; i <= 5; i++) { // requests 5 to 8 from this address: other devices are fine
            checkAs("aaaaaaaa-0000-4000-8000-00000000000" + i).statusCode(200);
        }
        limited(checkAs("aaaaaaaa-0000-4000-8000-000000000009"), "address");
    }
}
