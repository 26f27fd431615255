package dev.otter.telemetry.aggregate.service;

import dev.otter.contract.rollout.ResourceLimits;
import dev.otter.contract.rollout.SegmentDimension;
import dev.otter.contract.telemetry.TelemetryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which counters one event increments. A rollout's event is counted under its region
 * ({@code family|version|variant|region|metric}) and, for the guard's segments, once more under each
 * other dimension it tells, in the rollout's segment hash ({@code
 * family|version|variant|DIMENSION|value|metric}, counts only): the guard's ordinary rounds do not
 * read those.
 */
public final class EventCounting {
    /** The dimensions counted besides the region, which every rollout field carries. */
    public static final List<SegmentDimension> EXTRA_DIMENSIONS =
            List.of(SegmentDimension.PLATFORM, SegmentDimension.DEVICE_CLASS, SegmentDimension.OS_MAJOR);

    private static final String RESOURCE = "resource";

    private EventCounting() {}

    /**
     * The increments of many events arriving in {@code minute}, summed per counter field. Events
     * with the same {@link Shape} (a device's batch mostly has one) are expanded once and multiplied,
     * so that the field names are built per shape, not per event.
     */
    public static Map<String, Map<String, Long>> increments(
            CounterKeys keys, List<TelemetryEvent> events, long minute, double batteryLimit) {
        Map<Shape, long[]> shapes = new LinkedHashMap<>();
        Map<Shape, TelemetryEvent> first = new HashMap<>();
        Map<String, Map<String, Long>> sums = new LinkedHashMap<>();
        for (TelemetryEvent e : events) {
            if (RESOURCE.equals(e.type())) {
                add(sums, increments(keys, e, minute, batteryLimit), 1); // its figures differ event by event
            } else {
                Shape shape = Shape.of(e);
                shapes.computeIfAbsent(shape, x -> new long[1])[0]++;
                first.putIfAbsent(shape, e);
            }
        }
        shapes.forEach((shape, n) -> add(sums, increments(keys, first.get(shape), minute, batteryLimit), n[0]));
        return sums;
    }

    private static void add(Map<String, Map<String, Long>> sums, List<Increment> increments, long times) {
        for (Increment inc : increments) {
            sums.computeIfAbsent(inc.key(), k -> new LinkedHashMap<>())
                    .merge(inc.field(), inc.delta() * times, Long::sum);
        }
    }

    /** What decides the counters of an event other than a resource report. */
    record Shape(
            String family,
            String version,
            String rolloutId,
            String variant,
            String region,
            String platform,
            String deviceClass,
            String osVersion,
            String type,
            String severity,
            String updateStage) {
        static Shape of(TelemetryEvent e) {
            return new Shape(
                    e.family(),
                    e.version(),
                    e.rolloutId(),
                    e.variant(),
                    e.region(),
                    e.platform(),
                    e.deviceClass(),
                    e.osVersion(),
                    e.type(),
                    e.severity(),
                    e.updateStage());
        }
    }

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
        List<Increment> out = new ArrayList<>(8);
        metrics(out, key, prefix, e, batteryLimit);
        if (e.rolloutId() != null) {
            segments(out, keys.segments(e.rolloutId(), minute), e, batteryLimit);
        }
        return out;
    }

    // The same counts once per other dimension the event tells (the scaled sums left out: the guard
    // judges segments on counts).
    private static void segments(List<Increment> out, String key, TelemetryEvent e, double batteryLimit) {
        String variant = e.variant() == null ? CounterKeys.NONE : e.variant();
        for (SegmentDimension d : EXTRA_DIMENSIONS) {
            String value = d.of(e.region(), e.platform(), e.deviceClass(), e.osVersion());
            if (value != null) {
                String prefix = String.join(CounterKeys.SEP, e.family(), e.version(), variant, d.name(), value)
                        + CounterKeys.SEP;
                int from = out.size();
                metrics(out, key, prefix, e, batteryLimit);
                out.subList(from, out.size()).removeIf(i -> i.field().endsWith("_x100"));
            }
        }
    }

    private static void metrics(List<Increment> out, String key, String prefix, TelemetryEvent e, double batteryLimit) {
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
