package dev.otter.simulator.scenario;

import dev.otter.simulator.device.Device;
import dev.otter.simulator.fleet.FleetLog;
import java.util.List;

/**
 * What the scenario did, for its callers' checks: the rollout and its salt, the largest share it
 * reached while running, whether it was rolled back, the crash-to-ROLLBACK delay (-1 if none), the
 * devices at the end, the fleet log, the timeline, and how fast the devices that ran the bad version
 * were back on the baseline after the rollback (null without a rollback).
 */
public record ScenarioResult(
        String rolloutId,
        String salt,
        int maxPercentageBp,
        boolean rolledBack,
        long crashToRollbackMillis,
        List<Device> devices,
        FleetLog log,
        long failedDeviceTicks,
        int longestDeviceFailure,
        List<String> timeline,
        ReturnTimes returns) {}
