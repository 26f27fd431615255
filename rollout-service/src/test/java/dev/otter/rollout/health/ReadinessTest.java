package dev.otter.rollout.health;

import dev.otter.testsupport.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class ReadinessTest extends ReadinessContract {

    @Override
    protected List<String> backends() {
        return List.of("postgresql", "redis", "kafka");
    }

    @Override
    protected List<String> readinessGates() {
        return List.of("postgresql", "redis");
    }
}
