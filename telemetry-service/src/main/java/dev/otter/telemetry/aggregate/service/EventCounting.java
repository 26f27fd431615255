package dev.otter.telemetry.aggregate.service;

import dev.otter.contract.rollout.ResourceLimits;
import dev.otter.contract.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which counters one event increments. */
public final class EventCounting {
    private EventCounting() {}

    /**
     * The increments of one event arriving in {@code minute}; a resource report also counts which
     * T/ISC 8.1 limits it is over (battery: above {@code batteryLimit} % an hour).
     */
    public static List<Increment> increments(CounterKeys keys, TelemetryEvent e, long minute, double batteryLimit) {
        String region = e.region() == null ? CounterKeys.NONE : e.region();
        String key;
        String prefix;
        if (e.rolloutId() != null) {
            key = keys.rollout(e.rolloutId(), minute);
            String variant = e.variant() == null ? CounterKeys.NONE : e.variant();
            prefix = String.join(CounterKeys.SEP, e.family(), e.version(), variant, region) + CounterKeys.SEP;
        } else {
            key = keys.family(e.family(), minute);
            prefix = String.join(CounterKeys.SEP, e.version(), region) + CounterKeys.SEP;
        }
        List<Increment> out = new ArrayList<>(2);
        switch (e.type()) {
            case "session" -> out.add(new Increment(key, prefix + "sessions", 1));
            case "error" -> out.add(new Increment(key, prefix + e.severity().toLowerCase(Locale.ROOT), 1));
            case "update" -> out.add(new Increment(key, prefix + "update_" + e.updateStage(), 1));
            default -> {
                out.add(new Increment(key, prefix + "resource_reports", 1));
                addScaled(out, key, prefix + "cpu_percent_x100", e.cpuPercent());
                addScaled(out, key, prefix + "memory_percent_x100", e.memoryPercent());
                addScaled(out, key, prefix + "storage_percent_x100", e.storagePercent());
                addScaled(out, key, prefix + "battery_drain_x100", e.batteryDrainPerHour());
                addOver(out, key, prefix + "cpu_over", e.cpuPercent(), ResourceLimits.CPU_PERCENT);
                addOver(out, key, prefix + "memory_over", e.memoryPercent(), ResourceLimits.MEMORY_PERCENT);
                addOver(out, key, prefix + "storage_over", e.storagePercent(), ResourceLimits.STORAGE_PERCENT);
                addOver(out, key, prefix + "battery_over", e.batteryDrainPerHour(), batteryLimit);
            }
        }
        return out;
    }

    private static void addOver(List<Increment> out, String key, String field, Double value, double limit) {
        if (value != null && value > limit) {
            out.add(new Increment(key, field, 1));
        }
    }

    // Sums kept as integers (hundredths) so that Redis can add them atomically.
    private static void addScaled(List<Increment> out, String key, String field, Double value) {
        if (value != null) {
            out.add(new Increment(key, field, Math.round(value * 100)));
        }
    }
}
