package dev.otter.telemetry.ingest.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A validated event as written to Kafka: what the device sent minus its install id, which is
 * replaced by {@code installHash} (a keyed hash that cannot be reversed without the key).
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // most fields belong to one event type only
public record EventRecord(
        String eventId,
        String type,
        Instant occurredAt,
        String installHash,
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
