package dev.otter.testsupport.redis;

import dev.otter.testsupport.TestAppKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs a Quarkus test against the local three-master {@link RedisCluster}. */
public class RedisClusterResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        // devices of the tests present the test app key: registered where this Redis keeps keys
        TestAppKey.commands("otter-test").forEach(command -> RedisCluster.get().cli(command));
        return Map.of(
                "quarkus.redis.client-type",
                "cluster",
                "quarkus.redis.hosts",
                RedisCluster.get().hosts());
    }

    @Override
    public void stop() {
        // one cluster per JVM, stopped when the JVM exits
    }
}
