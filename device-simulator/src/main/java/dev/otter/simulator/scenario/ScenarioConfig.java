package dev.otter.simulator.scenario;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The scenario's knobs: where the services are, the fleet's size and state directory, the model
 * family (fresh per run), the operator token, the pace, the crash probabilities of the good and bad versions, the bake
 * time of the stages, the guard's minimum sessions, a region kept out of the rollout's cohort, and
 * — for realistic polling — the compressed clock (simulated seconds per real second; 0: devices
 * check with a fixed chance per tick) and the share of devices holding the update stream.
 */
public record ScenarioConfig(
        String manifestUrl,
        String rolloutUrl,
        String telemetryUrl,
        String operatorToken,
        int devices,
        Path stateDir,
        Path filesDir,
        String family,
        Duration tick,
        Duration bake,
        Duration timeout,
        double goodCrashRate,
        double badCrashRate,
        int guardMinSessions,
        String excludedRegion,
        long seed,
        int parallelism,
        double clock,
        double streamShare) {}
