package dev.otter.telemetry.topology;

import dev.otter.testsupport.redis.RedisClusterResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** telemetry-service on a local three-master Redis Cluster. */
public class OnRedisCluster implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisClusterResource.class));
    }
}
