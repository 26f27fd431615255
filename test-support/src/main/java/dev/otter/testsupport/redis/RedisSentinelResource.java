package dev.otter.testsupport.redis;

import dev.otter.testsupport.TestAppKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;

/**
 * Runs a Quarkus test through a {@link RedisSentinel} (a fresh primary, replica and Sentinel per
 * test class); the test reaches the topology through {@link #topology()} to fail it over.
 */
public class RedisSentinelResource implements QuarkusTestResourceLifecycleManager {
    private static RedisSentinel topology;

    /** The topology of the running test class. */
    public static RedisSentinel topology() {
        return topology;
    }

    @Override
    public Map<String, String> start() {
        try {
            topology = RedisSentinel.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start Redis with Sentinel: " + e.getMessage(), e);
        }
        // devices of the tests present the test app key: registered where this Redis keeps keys
        TestAppKey.commands("otter-test").forEach(command -> topology.primary().cli(command));
        return Map.of(
                "quarkus.redis.client-type",
                "sentinel",
                "quarkus.redis.hosts",
                topology.sentinelUri(),
                "quarkus.redis.master-name",
                RedisSentinel.MASTER,
                "quarkus.redis.role",
                "master");
    }

    @Override
    public void stop() {
        if (topology != null) {
            topology.stop();
        }
    }
}
