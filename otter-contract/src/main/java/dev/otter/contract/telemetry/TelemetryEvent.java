package dev.otter.contract.telemetry;

import java.time.Instant;

/**
 * One event as a device sends it. Common fields first, then those of its type:
 *
 * <ul>
 *   <li>{@code session}: a model was loaded and used ({@code session_seconds}) — every rate's denominator;
 *   <li>{@code error}: {@code severity} FATAL (a crash), SEVERE, GENERAL or MINOR, {@code error_code},
 *       {@code description}, {@code scenario};
 *   <li>{@code update}: {@code update_stage} download_started, downloaded, verify_failed, applied,
 *       load_failed or rolled_back_locally, with {@code from_version};
 *   <li>{@code resource}: {@code cpu_percent}, {@code memory_percent}, {@code storage_percent},
 *       {@code battery_drain_per_hour}.
 * </ul>
 *
 * {@code os_version} (optional, any event) lets the guard judge OS ranges. {@code consent} must be true. Unknown fields are refused, never silently dropped. The same record
 * travels on Kafka once accepted, with {@code install_id} replaced by a keyed hash of it ({@link
 * #withInstallId}), so no raw install id is ever written. The one definition of the event schema.
 */
public record TelemetryEvent(
        String eventId,
        String type,
        Instant occurredAt,
        Boolean consent,
        String installId,
        String family,
        String version,
        String rolloutId,
        String variant,
        String appVersion,
        String platform,
        String deviceClass,
        String region,
        Integer sessionSeconds,
        String severity,
        String errorCode,
        String description,
        String scenario,
        String updateStage,
        String fromVersion,
        Double cpuPercent,
        Double memoryPercent,
        Double storagePercent,
        Double batteryDrainPerHour,
        String osVersion) {

    /** An event that does not say the device's OS version (clients from before it was a field). */
    public TelemetryEvent(
            String eventId,
            String type,
            Instant occurredAt,
            Boolean consent,
            String installId,
            String family,
            String version,
            String rolloutId,
            String variant,
            String appVersion,
            String platform,
            String deviceClass,
            String region,
            Integer sessionSeconds,
            String severity,
            String errorCode,
            String description,
            String scenario,
            String updateStage,
            String fromVersion,
            Double cpuPercent,
            Double memoryPercent,
            Double storagePercent,
            Double batteryDrainPerHour) {
        this(
                eventId,
                type,
                occurredAt,
                consent,
                installId,
                family,
                version,
                rolloutId,
                variant,
                appVersion,
                platform,
                deviceClass,
                region,
                sessionSeconds,
                severity,
                errorCode,
                description,
                scenario,
                updateStage,
                fromVersion,
                cpuPercent,
                memoryPercent,
                storagePercent,
                batteryDrainPerHour,
                null);
    }

    /** The same event with another install id (the keyed hash that replaces it before it is stored). */
    public TelemetryEvent withInstallId(String replacement) {
        return new TelemetryEvent(
                eventId,
                type,
                occurredAt,
                consent,
                replacement,
                family,
                version,
                rolloutId,
                variant,
                appVersion,
                platform,
                deviceClass,
                region,
                sessionSeconds,
                severity,
                errorCode,
                description,
                scenario,
                updateStage,
                fromVersion,
                cpuPercent,
                memoryPercent,
                storagePercent,
                batteryDrainPerHour,
                osVersion);
    }
}
