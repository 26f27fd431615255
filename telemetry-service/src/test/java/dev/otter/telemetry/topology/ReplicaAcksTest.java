package dev.otter.telemetry.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.telemetry.aggregate.service.ReplicaAcks;
import dev.otter.testsupport.redis.RedisNode;
import dev.otter.testsupport.redis.RedisSentinelResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Waiting for the replica through a Sentinel-managed pair: a replica that is online but stalled is
 * waited for until it catches up (acknowledging before would let a failover lose the record); one
 * that is gone is not waited for.
 */
@QuarkusTest
@TestProfile(ThroughOwnSentinel.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaAcksTest {
    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ReplicaAcks replicaAcks;

    @Inject
    MeterRegistry metrics;

    private double missed() {
        assertThat(replicaAcks.enabled()).isTrue(); // also creates the bean, which registers the counter
        return metrics.get("otter.telemetry.replica_acks.missed").counter().count();
    }

    /** Writes on one connection and waits for its replica there, as counting does; the time it took. */
    private Duration writeAndAwait(String key) {
        long start = System.nanoTime();
        redis.withConnection(c -> c.execute("SET", key, "1").chain(() -> replicaAcks.await(c)))
                .await()
                .atMost(Duration.ofSeconds(30));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    @Order(1)
    void aStalledButConnectedReplicaIsWaitedForUntilItHoldsTheWrite() throws Exception {
        RedisNode replica = RedisSentinelResource.topology().replica();
        double before = missed();
        replica.freeze();
        CompletableFuture<Void> thaw = CompletableFuture.runAsync(
                () -> {
                    try {
                        replica.thaw();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                CompletableFuture.delayedExecutor(1_500, TimeUnit.MILLISECONDS));
        Duration took = writeAndAwait("acks-stalled");
        thaw.get(10, TimeUnit.SECONDS);
        assertThat(took).as("waited past one WAIT timeout (500 ms)").isGreaterThan(Duration.ofMillis(1_000));
        assertThat(missed()).as("no record acknowledged unreplicated").isEqualTo(before);
        assertThat(replica.cli("GET", "acks-stalled")).isEqualTo("1");
    }

    @Test
    @Order(2)
    void aReplicaThatIsGoneIsNotWaitedForAndTheMissIsCounted() throws Exception {
        RedisNode replica = RedisSentinelResource.topology().replica();
        double before = missed();
        replica.kill();
        RedisSentinelResource.topology()
                .primary()
                .await(Duration.ofSeconds(10), "without its replica", () -> RedisSentinelResource.topology()
                        .primary()
                        .cli("INFO", "replication")
                        .contains("connected_slaves:0"));
        try {
            Duration took = writeAndAwait("acks-gone");
            assertThat(took).as("one WAIT timeout, not the lag limit").isLessThan(Duration.ofSeconds(5));
            assertThat(missed()).isEqualTo(before + 1);
            assertThat(List.of(RedisSentinelResource.topology().primary().cli("GET", "acks-gone")))
                    .containsExactly("1");
        } finally {
            RedisSentinelResource.topology().rejoin(); // the topology whole again for whatever runs next
        }
    }
}
