package dev.otter.telemetry.ingest.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.otter.contract.telemetry.TelemetryEvent;
import dev.otter.support.device.DeviceGate;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.FieldErrors;
import dev.otter.telemetry.config.TelemetryConfig;
import dev.otter.telemetry.ingest.TelemetryError;
import dev.otter.telemetry.ingest.api.IngestRequest;
import dev.otter.telemetry.ingest.api.IngestResult;
import dev.otter.telemetry.ingest.api.Rejection;
import dev.otter.telemetry.ingest.messaging.EventBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Accepts a batch: checks every event on its own, hashes install ids, groups the valid events by
 * Kafka key (the rollout, or family and version) and answers only once Kafka has acknowledged
 * every group (acks=all, idempotent producer). If Kafka does not, nothing is reported as accepted
 * and the client sends the batch again; duplicates are dropped by event id when counting.
 */
@ApplicationScoped
public class IngestService {
    private final MutinyEmitter<String> kafka;
    private final ObjectMapper json;
    private final ObjectWriter records;
    private final EventValidator validator;
    private final InstallIdHasher hasher;
    private final TelemetryConfig.Ingest config;
    private final MeterRegistry metrics;
    private final DeviceGate gate;

    public IngestService(
            @Channel("telemetry-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
                    MutinyEmitter<String> kafka,
            ObjectMapper json,
            TelemetryConfig config,
            MeterRegistry metrics,
            DeviceGate gate) {
        this.gate = gate;
        this.metrics = metrics;
        this.kafka = kafka;
        this.json = json;
        // Most fields belong to one event type only: Kafka records leave out the nulls (half the
        // bytes of a session event, and what the consumer parses for every event).
        this.records = json.copy()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .writerFor(EventBatch.class);
        this.config = config.ingest();
        this.validator = new EventValidator(json, this.config.maxAge(), this.config.maxClockSkew());
        this.hasher = new InstallIdHasher(config.installIdKey());
    }

    public Uni<IngestResult> ingest(IngestRequest request) {
        List<com.fasterxml.jackson.databind.JsonNode> events = request == null ? null : request.events();
        if (events == null || events.isEmpty()) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "events: a batch needs at least one event");
        }
        if (events.size() > config.maxEvents()) {
            throw new ApiException(
                    TelemetryError.BATCH_TOO_LARGE,
                    "a batch holds at most " + config.maxEvents() + " events, got " + events.size());
        }
        Instant now = Instant.now();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, List<TelemetryEvent>> byKey = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> installs = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            EventValidator.Outcome outcome = validator.check(i, events.get(i), now);
            if (outcome.rejection() != null) {
                rejected.add(outcome.rejection());
                continue;
            }
            TelemetryEvent e = outcome.event();
            if (!ids.add(e.eventId())) {
                rejected.add(new Rejection(
                        i, e.eventId(), Rejection.Code.DUPLICATE_IN_BATCH, "event_id appears twice in the batch"));
                continue;
            }
            installs.add(e.installId());
            // Only the keyed hash of the install id is ever written.
            byKey.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e.withInstallId(hasher.hash(e.installId())));
        }
        if (byKey.isEmpty()) {
            count(0, rejected);
            throw allRejected(rejected);
        }
        // Over an install's budget: 429 for the whole batch before anything is sent, so the client
        // keeps every event and resends later; nothing is dropped without the client being told.
        installs.forEach(
                install -> gate.limitInstall(install, "nothing from this batch was accepted, resend all of it"));
        int accepted = byKey.values().stream().mapToInt(List::size).sum();
        return send(byKey, now)
                .invoke(() -> count(accepted, rejected))
                .replaceWith(new IngestResult(accepted, rejected));
    }

    private Uni<Void> send(Map<String, List<TelemetryEvent>> byKey, Instant receivedAt) {
        List<Uni<Void>> acks = new ArrayList<>(byKey.size());
        for (Map.Entry<String, List<TelemetryEvent>> group : byKey.entrySet()) {
            String payload;
            try {
                payload = records.writeValueAsString(
                        new EventBatch(UUID.randomUUID().toString(), receivedAt, group.getValue()));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            Message<String> message = Message.of(payload)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(group.getKey())
                            .build());
            acks.add(kafka.sendMessage(message));
        }
        return Uni.join()
                .all(acks)
                .andFailFast()
                .ifNoItem()
                .after(config.ackTimeout())
                .fail()
                .onFailure()
                .transform(f -> new ApiException(
                        TelemetryError.NOT_ACCEPTED,
                        "Kafka did not acknowledge the batch (" + f.getMessage() + "); send it again"))
                .replaceWithVoid();
    }

    private void count(int accepted, List<Rejection> rejected) {
        metrics.counter("otter.telemetry.events.accepted").increment(accepted);
        rejected.forEach(r -> metrics.counter(
                        "otter.telemetry.events.rejected", "code", r.code().name())
                .increment());
    }

    // One rollout's events share a key, so they stay ordered on one partition.
    private static String key(TelemetryEvent e) {
        return e.rolloutId() != null ? "rollout:" + e.rolloutId() : "version:" + e.family() + ":" + e.version();
    }

    private static ApiException allRejected(List<Rejection> rejected) {
        FieldErrors errors = new FieldErrors();
        rejected.forEach(r -> errors.add("events[" + r.index() + "]", r.code() + ": " + r.reason()));
        try {
            errors.throwIfAny();
        } catch (ApiException e) {
            return new ApiException(
                    TelemetryError.NO_VALID_EVENTS,
                    "no event of the batch was accepted: " + e.getMessage(),
                    e.errors());
        }
        return new ApiException(TelemetryError.NO_VALID_EVENTS, "no event of the batch was accepted");
    }
}
