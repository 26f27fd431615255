package dev.otter.manifest.update;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A version asked for by name through the update check: granted on the internal channel (and to a
 * rollout's testers: UpdateDeciderTest, RolloutDirectives), refused with the reason elsewhere.
 */
@QuarkusTest
class RequestedVersionTest {
    private static Map<String, Object> asking(String family, String installed, String channel, String requested) {
        Map<String, Object> body = new HashMap<>(checkBody(family, installed, "1b", 8192, channel));
        body.put(
                "models",
                List.of(Map.of(
                        "family",
                        family,
                        "installed_version",
                        installed,
                        "preferred_tier",
                        "1b",
                        "requested_version",
                        requested)));
        return body;
    }

    @Test
    void theInternalChannelGetsTheVersionItAsksForAndStableTheNormalDecisionWithWhyNot() {
        String family = uniqueFamily("asked");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0");
        publish(family, "2.0.0");

        check(asking(family, "2.0.0", "internal", "1.0.0"))
                .statusCode(200)
                .body("decisions[0].action", is("ROLLBACK"))
                .body("decisions[0].reason", is("REQUESTED_VERSION"))
                .body("decisions[0].version", is("1.0.0"))
                .body("decisions[0].message", is("go back to 1.0.0, as requested"));
        check(asking(family, "2.0.0", "stable", "1.0.0"))
                .statusCode(200)
                .body("decisions[0].action", is("NO_UPDATE"))
                .body("decisions[0].reason", is("UP_TO_DATE"))
                .body(
                        "decisions[0].message",
                        containsString(
                                "requested 1.0.0 not granted: only testers and the internal channel may ask for a version"));
        check(asking(family, "2.0.0", "internal", "newest"))
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors[0].field", is("models[0].requested_version"));
    }
}
