package dev.otter.telemetry.ingest.api;

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
 * {@code install_id} is replaced by a keyed hash before anything is written; {@code consent} must
 * be true. Unknown fields are refused, never silently dropped.
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
        Double batteryDrainPerHour) {}
