package dev.otter.telemetry.topology;

import dev.otter.testsupport.redis.RedisSentinelResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** telemetry-service through a Sentinel, counting acknowledged by the replica. */
public class ThroughSentinel implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("otter.telemetry.counting.replica-acks", "1");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisSentinelResource.class));
    }
}
