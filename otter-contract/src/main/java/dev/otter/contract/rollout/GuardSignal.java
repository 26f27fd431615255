package dev.otter.contract.rollout;

import java.util.List;
import java.util.Locale;

/**
 * What the guard can watch, each a share of trials over the guard's lookback: its events and trials
 * are telemetry counter metrics (summed over regions); its defaults are the threshold, the margin
 * over the baseline and the mode a rollout gets unless it sets its own.
 */
public enum GuardSignal {
    /** FATAL errors per session. */
    CRASH("fatal", List.of("sessions"), 0.02, 0.01, GuardMode.ENFORCE),
    /** Switches to the new model that failed to load (the device rolled back locally), per switch. */
    LOAD_FAILURE("update_load_failed", List.of("update_applied", "update_load_failed"), 0.01, 0.005, GuardMode.ENFORCE),
    /** Downloads that failed verification (sha256 or patch), per finished download. */
    VERIFY_FAILURE(
            "update_verify_failed",
            List.of("update_downloaded", "update_verify_failed"),
            0.02,
            0.01,
            GuardMode.ENFORCE),
    /** SEVERE errors per session (a session with several counts as one). */
    SEVERE_ERRORS("severe", List.of("sessions"), 0.05, 0.02, GuardMode.OBSERVE),
    /** Resource reports with compute above {@link ResourceLimits#CPU_PERCENT}. */
    CPU_OVER("cpu_over", List.of("resource_reports"), 0.10, 0.05, GuardMode.OBSERVE),
    /** Resource reports with memory above {@link ResourceLimits#MEMORY_PERCENT}. */
    MEMORY_OVER("memory_over", List.of("resource_reports"), 0.10, 0.05, GuardMode.OBSERVE),
    /** Resource reports with storage above {@link ResourceLimits#STORAGE_PERCENT}. */
    STORAGE_OVER("storage_over", List.of("resource_reports"), 0.10, 0.05, GuardMode.OBSERVE),
    /** Resource reports with background battery drain above {@link ResourceLimits#BATTERY_TIMES_STANDBY}× standby. */
    BATTERY_OVER("battery_over", List.of("resource_reports"), 0.10, 0.05, GuardMode.OBSERVE);

    private final String events;
    private final List<String> trials;
    private final double threshold;
    private final double margin;
    private final GuardMode mode;

    GuardSignal(String events, List<String> trials, double threshold, double margin, GuardMode mode) {
        this.events = events;
        this.trials = trials;
        this.threshold = threshold;
        this.margin = margin;
        this.mode = mode;
    }

    /** The counter metric of the signal's events. */
    public String events() {
        return events;
    }

    /** The counter metrics whose sum is the signal's trials. */
    public List<String> trials() {
        return trials;
    }

    /** The signal as a rollout's guard gets it unless it sets its own. */
    public SignalGuard byDefault() {
        return new SignalGuard(this, threshold, margin, mode);
    }

    /** The name on the wire: {@code load_failure}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The signal of a wire name, or null. */
    public static GuardSignal fromWire(String name) {
        for (GuardSignal s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
