package dev.otter.e2e;

import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.scenario.ScenarioConfig;
import java.nio.file.Path;
import java.time.Duration;

/** The release scenario as the end-to-end tests run it: a fresh family, its fleet's files under target/. */
final class Scenarios {
    private Scenarios() {}

    /** Where a family's simulated devices and model files live. */
    static Path dir(String family) {
        return Path.of(System.getProperty("otter.e2e.logs", "target/e2e-logs"))
                .resolveSibling("simulator")
                .resolve(family);
    }

    /**
     * The scenario against one system's URLs: a tick of 500 ms, stages baked 4 s, the guard's
     * minimum of 100 sessions, 2.0.0 crashing in 0.2 % of sessions and 2.1.0 bad on {@code signal}
     * at {@code badRate}; devices check with a fixed chance per tick and hold no update stream.
     */
    static ScenarioConfig config(
            String manifestUrl,
            String rolloutUrl,
            String telemetryUrl,
            String token,
            String family,
            int devices,
            Duration timeout,
            double badRate,
            BadSignal signal,
            String excludedRegion,
            long seed) {
        Path dir = dir(family);
        return new ScenarioConfig(
                manifestUrl,
                rolloutUrl,
                telemetryUrl,
                token,
                devices,
                dir.resolve("devices"),
                dir.resolve("files"),
                family,
                Duration.ofMillis(500),
                Duration.ofSeconds(4),
                timeout,
                0.002,
                badRate,
                signal,
                100,
                excludedRegion,
                seed,
                16,
                0,
                0);
    }

    /** The same against the single-instance {@link OtterSystem}. */
    static ScenarioConfig onOtterSystem(
            String family,
            int devices,
            Duration timeout,
            double badRate,
            BadSignal signal,
            String excluded,
            long seed) {
        return config(
                OtterSystem.manifestUrl(),
                OtterSystem.rolloutUrl(),
                OtterSystem.telemetryUrl(),
                OtterSystem.adminToken(),
                family,
                devices,
                timeout,
                badRate,
                signal,
                excluded,
                seed);
    }
}
