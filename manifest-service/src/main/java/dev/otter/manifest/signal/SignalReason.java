package dev.otter.manifest.signal;

/**
 * Why a device is told to check now, most pressing first: when one change concerns several of a
 * device's families, the signal carries the first reason that applies.
 */
public enum SignalReason {
    /** A rollout the device took (or was offered) was rolled back: go back to the baseline. */
    ROLLBACK,
    /** The installed version reached end of service: move to its replacement or uninstall. */
    RETIRED,
    /** An urgent release (a security fix) is offered. */
    URGENT,
    /** An offered update was withdrawn (rollout paused, narrowed or cancelled): stop downloading it. */
    WITHDRAWN,
    /** The stream was resumed and something changed while it was away. */
    MISSED
}
