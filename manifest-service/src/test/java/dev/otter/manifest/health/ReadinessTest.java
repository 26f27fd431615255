package dev.otter.manifest.health;

import dev.otter.testsupport.ReadinessContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class ReadinessTest extends ReadinessContract {

    @Override
    protected List<String> backends() {
        return List.of("postgresql", "redis");
    }

    @Override
    protected List<String> readinessGates() {
        return List.of();
    }

    @Override
    protected List<String> ownChecks() {
        return List.of("catalog", "rollout-state", "app-keys");
    }
}
