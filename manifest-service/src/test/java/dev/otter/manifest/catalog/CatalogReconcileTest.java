package dev.otter.manifest.catalog;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;

import dev.otter.manifest.testing.OtherInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A change whose announcement was lost still arrives: the periodic reconcile compares revisions. */
@QuarkusTest
@TestProfile(CatalogReconcileTest.FastReconcile.class)
class CatalogReconcileTest {

    /** Reconciles every 300 ms. */
    public static class FastReconcile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("otter.manifest.catalog.reconcile-interval", "300ms");
        }
    }

    @Inject
    Pool pool;

    @Test
    void unannouncedChangeIsPickedUpByTheReconcile() {
        String family = uniqueFamily("lost");
        OtherInstance.publishDirectly(pool, family, "7.0.0");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "7.0.0"
                .equals(check(checkBody(family, null, "1b", 8192, "stable"))
                        .extract()
                        .path("decisions[0].version")));
    }
}
