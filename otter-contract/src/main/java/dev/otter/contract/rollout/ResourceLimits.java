package dev.otter.contract.rollout;

/**
 * The resource limits of T/ISC 8.1 that a resource report is over or not: compute ≤ 70 %, memory
 * ≤ 60 %, storage ≤ 10 %, background battery drain ≤ 2× standby.
 */
public final class ResourceLimits {
    public static final double CPU_PERCENT = 70;
    public static final double MEMORY_PERCENT = 60;
    public static final double STORAGE_PERCENT = 10;
    public static final double BATTERY_TIMES_STANDBY = 2;

    private ResourceLimits() {}
}
