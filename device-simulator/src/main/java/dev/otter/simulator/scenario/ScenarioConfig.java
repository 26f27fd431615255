package dev.otter.simulator.scenario;

import dev.otter.simulator.fleet.BadSignal;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The scenario's knobs: where the services are, the fleet's size and state directory, the model
 * family (fresh per run), the operator token, the pace, the crash probability of the good version,
 * the rate at which the bad version misbehaves and on which signal, the bake time of the stages, the guard's minimum sessions, a region kept out of the rollout's cohort, and
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
        double badRate,
        BadSignal badSignal,
        int guardMinSessions,
        String excludedRegion,
        long seed,
        int parallelism,
        double clock,
        double streamShare) {}
