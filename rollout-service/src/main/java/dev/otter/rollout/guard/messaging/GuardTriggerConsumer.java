package dev.otter.rollout.guard.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.telemetry.GuardTrigger;
import dev.otter.rollout.guard.service.GuardTriggerService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes telemetry's rollback triggers. Kafka keeps them while rollout-service is down, so a
 * trigger fired meanwhile is applied when it is back; offsets are committed only after a trigger
 * was handled.
 */
@ApplicationScoped
public class GuardTriggerConsumer {
    private static final Logger LOG = Logger.getLogger(GuardTriggerConsumer.class);

    private final GuardTriggerService service;
    private final ObjectMapper json;

    public GuardTriggerConsumer(GuardTriggerService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @Incoming("guard-triggers")
    public Uni<Void> consume(String payload) {
        GuardTrigger trigger;
        try {
            trigger = json.readValue(payload, GuardTrigger.class);
        } catch (Exception e) {
            LOG.errorf("skipping an unreadable guard trigger: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (trigger.triggerId() == null || (trigger.rolloutId() == null) == (trigger.watchId() == null)) {
            LOG.errorf("skipping a guard trigger without its id and exactly one of rollout and watch: %s", payload);
            return Uni.createFrom().voidItem();
        }
        // Until the database answers, keep retrying this trigger rather than skip it.
        return service.apply(trigger)
                .onFailure()
                .invoke(f ->
                        LOG.warnf("guard trigger %s not applied yet, retrying: %s", trigger.triggerId(), f.toString()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely()
                .replaceWithVoid();
    }
}
