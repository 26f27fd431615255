package dev.otter.manifest.signal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.manifest.catalog.snapshot.CatalogInstalled;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.rollout.snapshot.RolloutStateInstalled;
import dev.otter.manifest.signal.PushStatus;
import dev.otter.manifest.signal.api.PushDeliveryView;
import dev.otter.manifest.signal.api.PushSignal;
import dev.otter.manifest.signal.repository.PushDeliveryRepository;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The webhook sink: records the push signals each change calls for in the outbox, and delivers
 * due ones to the configured gateway — retried with doubling back-off, dead-lettered after the last
 * try. Nothing happens without {@code otter.manifest.push.webhook-url}.
 */
@ApplicationScoped
public class PushDeliveries {
    private static final Logger LOG = Logger.getLogger(PushDeliveries.class);
    private static final int BATCH = 20;

    private final PushDeliveryRepository repository;
    private final PushWebhook webhook;
    private final ObjectMapper json;
    private final ManifestConfig.Push config;

    public PushDeliveries(
            PushDeliveryRepository repository, PushWebhook webhook, ObjectMapper json, ManifestConfig config) {
        this.repository = repository;
        this.webhook = webhook;
        this.json = json;
        this.config = config.push();
    }

    void onRolloutState(@Observes RolloutStateInstalled event) {
        offer(PushSignals.ofRollout(event.before(), event.after(), Instant.now()));
    }

    void onCatalog(@Observes CatalogInstalled event) {
        offer(PushSignals.ofCatalog(event.before(), event.after(), Instant.now()));
    }

    private void offer(List<PushSignal> signals) {
        if (signals.isEmpty() || config.webhookUrl().isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (PushSignal s : signals) {
            rows.add(new String[] {s.id(), write(s)});
        }
        repository
                .offer(rows, Instant.now())
                .subscribe()
                .with(
                        inserted -> {
                            if (inserted > 0) { // send now rather than at the next poll (claims keep it once)
                                deliverDue().subscribe().with(ok -> {});
                            }
                        },
                        failure -> LOG.warnf(
                                "push signals %s not recorded (streams and polling devices still hear of the change;"
                                        + " the push gateway does not): %s",
                                signals.stream().map(PushSignal::id).toList(), failure.toString()));
    }

    /** Delivers what is due, a batch per poll; failures are recorded, never thrown. */
    @Scheduled(
            every = "${otter.manifest.push.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = PushWebhook.NotConfigured.class)
    Uni<Void> deliverDue() {
        return repository
                .claim(BATCH, config.timeout().multipliedBy(2), Instant.now())
                .onItem()
                .transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem()
                .transformToUniAndMerge(this::deliver)
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("push outbox not polled (the next poll retries): %s", failure.toString());
                    return null;
                });
    }

    private Uni<Void> deliver(PushDeliveryRepository.Delivery d) {
        int attempt = d.attempts() + 1;
        // A row that cannot be read fails on its own, like a refused delivery; the others go on.
        return Uni.createFrom()
                .item(() -> read(d.payload()))
                .chain(signal -> webhook.post(d.id(), signal))
                .chain(() -> repository.delivered(d.id(), attempt, Instant.now()))
                .onFailure()
                .recoverWithUni(failure -> failed(d, attempt, failure));
    }

    private Uni<Void> failed(PushDeliveryRepository.Delivery d, int attempt, Throwable failure) {
        boolean dead = attempt >= config.maxAttempts();
        Instant next = Instant.now().plus(backoff(attempt));
        if (dead) {
            LOG.warnf(
                    "push signal %s dead-lettered after %d tries (last: %s); list with GET /api/v1/push/deliveries?status=DEAD,"
                            + " retry with POST /api/v1/push/deliveries/%s/retry",
                    d.id(), attempt, failure.getMessage(), d.id());
        } else {
            LOG.debugf("push signal %s try %d failed, next at %s: %s", d.id(), attempt, next, failure.getMessage());
        }
        return repository.failed(d.id(), attempt, failure.getMessage(), next, dead);
    }

    /** Doubling from the initial back-off, capped, ± 20 % so retries of many signals spread. */
    Duration backoff(int attempt) {
        double base = config.initialBackoff().toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, config.maxBackoff().toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    public Uni<List<PushDeliveryView>> list(String status, int limit) {
        PushStatus s;
        try {
            s = PushStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "status must be PENDING, DELIVERED or DEAD");
        }
        if (limit < 1 || limit > 1000) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "limit must be 1-1000");
        }
        return repository
                .list(s, limit)
                .map(list -> list.stream().map(this::view).toList());
    }

    public Uni<Boolean> retry(String id) {
        return repository.retry(id, Instant.now());
    }

    private PushDeliveryView view(PushDeliveryRepository.Delivery d) {
        return new PushDeliveryView(
                d.id(),
                d.status(),
                d.attempts(),
                d.nextAttemptAt(),
                d.lastError(),
                d.createdAt(),
                d.deliveredAt(),
                read(d.payload()));
    }

    private String write(PushSignal signal) {
        try {
            return json.writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a push signal", e);
        }
    }

    private PushSignal read(String payload) {
        try {
            return json.readValue(payload, PushSignal.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored push signal unreadable", e);
        }
    }
}
