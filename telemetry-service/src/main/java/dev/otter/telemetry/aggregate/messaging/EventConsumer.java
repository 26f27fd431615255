package dev.otter.telemetry.aggregate.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.telemetry.TelemetryEvent;
import dev.otter.telemetry.aggregate.RolloutsCounted;
import dev.otter.telemetry.aggregate.service.CounterStore;
import dev.otter.telemetry.ingest.messaging.EventBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Counts the raw events topic, at least once: a record is acknowledged (its offset committed) only
 * after it was counted, and counting is idempotent (see {@link CounterStore}), so a redelivery never
 * double-counts. A record that cannot be read is a poison record: it goes to the dead-letter topic
 * and consumption continues. Redis being away is retried, not dead-lettered.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final CounterStore store;
    private final Event<RolloutsCounted> counted;
    private final ObjectMapper json;
    private final Counter countedEvents;
    private final Counter duplicates;
    private final Counter redeliveries;
    private final Counter deadLettered;

    public EventConsumer(CounterStore store, Event<RolloutsCounted> counted, ObjectMapper json, MeterRegistry metrics) {
        this.store = store;
        this.counted = counted;
        this.json = json;
        this.countedEvents = Counter.builder("otter.telemetry.events.counted")
                .description("Events counted once")
                .register(metrics);
        this.duplicates = Counter.builder("otter.telemetry.events.duplicates")
                .description("Re-sent events dropped by event id")
                .register(metrics);
        this.redeliveries = Counter.builder("otter.telemetry.records.redelivered")
                .description("Kafka records skipped because they were counted before")
                .register(metrics);
        this.deadLettered = Counter.builder("otter.telemetry.records.dead_lettered")
                .description("Unreadable records sent to the dead-letter topic")
                .register(metrics);
    }

    @Incoming("telemetry-in")
    public Uni<Void> consume(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> meta =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        EventBatch batch;
        try {
            batch = json.readValue(message.getPayload(), EventBatch.class);
            if (batch.events() == null
                    || batch.receivedAt() == null
                    || batch.events().stream().anyMatch(EventConsumer::malformed)) {
                throw new IllegalArgumentException("incomplete event batch");
            }
        } catch (Exception e) {
            LOG.warnf(
                    "poison record %s-%d@%d to the dead-letter topic: %s",
                    meta.getTopic(), meta.getPartition(), meta.getOffset(), e.getMessage());
            deadLettered.increment();
            return Uni.createFrom().completionStage(message.nack(e));
        }
        EventBatch read = batch;
        return store.count(meta.getTopic(), meta.getPartition(), meta.getOffset(), read.receivedAt(), read.events())
                .onFailure()
                .invoke(f -> LOG.warnf(
                        "counting %s-%d@%d failed, retrying: %s",
                        meta.getTopic(), meta.getPartition(), meta.getOffset(), f.toString()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .invoke(result -> {
                    countedEvents.increment(result.fresh());
                    duplicates.increment(result.duplicates());
                    if (result.redelivery()) {
                        redeliveries.increment();
                    }
                    counted.fire(counted(read.events()));
                })
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static RolloutsCounted counted(List<TelemetryEvent> events) {
        Set<String> rollouts = new HashSet<>();
        Set<String> families = new HashSet<>();
        for (TelemetryEvent e : events) {
            if (e.rolloutId() != null) {
                rollouts.add(e.rolloutId());
            } else {
                families.add(e.family());
            }
        }
        return new RolloutsCounted(rollouts, families);
    }

    private static boolean malformed(TelemetryEvent e) {
        return e == null
                || e.eventId() == null
                || e.type() == null
                || e.family() == null
                || e.version() == null
                || "error".equals(e.type()) && e.severity() == null
                || "update".equals(e.type()) && e.updateStage() == null;
    }
}
