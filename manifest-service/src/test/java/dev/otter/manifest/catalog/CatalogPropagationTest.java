package dev.otter.manifest.catalog;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.contract.RedisKeys;
import dev.otter.manifest.testing.OtherInstance;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A version published by another manifest-service reaches this one through real Redis pub/sub
 * within 2 s. The test profile sets the reconcile to an hour, so pub/sub is the only way in.
 */
@QuarkusTest
class CatalogPropagationTest {
    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void publishAnnouncedThroughRedisIsServedWithinTwoSeconds() {
        String family = uniqueFamily("pubsub");
        long revision = OtherInstance.publishDirectly(pool, family, "4.2.0");
        // Not announced yet: this instance does not know the family.
        check(checkBody(family, null, "1b", 8192, "stable"))
                .body("decisions[0].reason", org.hamcrest.Matchers.is("UNKNOWN_FAMILY"));

        long start = System.nanoTime();
        redis.pubsub(String.class).publish(keys.catalogChanged(), Long.toString(revision));
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "4.2.0"
                        .equals(check(checkBody(family, null, "1b", 8192, "stable"))
                                .extract()
                                .path("decisions[0].version")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("catalog propagation through Redis: %d ms%n", millis);
        assertThat(millis).as("publish-to-served delay in ms").isLessThan(2000);
    }

    @Test
    void announcementsOfRevisionsAlreadyHeldAndGarbageAreIgnored() {
        String family = uniqueFamily("garbage");
        OtherInstance.publishDirectly(pool, family, "1.0.0");
        redis.pubsub(String.class).publish(keys.catalogChanged(), "not-a-number");
        redis.pubsub(String.class).publish(keys.catalogChanged(), "0");
        // Neither message reloads the catalog; the service keeps answering from what it holds.
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> "UNKNOWN_FAMILY"
                        .equals(check(checkBody(family, null, "1b", 8192, "stable"))
                                .statusCode(200)
                                .extract()
                                .path("decisions[0].reason")));
    }
}
