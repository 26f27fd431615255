package dev.otter.telemetry.ingest.messaging;

import dev.otter.contract.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.List;

/**
 * One Kafka record: the accepted events of one HTTP batch that share a key (a rollout, or a
 * family and version), so that one rollout's events stay ordered on one partition.
 */
public record EventBatch(String batchId, Instant receivedAt, List<TelemetryEvent> events) {}
