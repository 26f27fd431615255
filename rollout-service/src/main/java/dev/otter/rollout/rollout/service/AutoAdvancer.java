package dev.otter.rollout.rollout.service;

import dev.otter.contract.telemetry.Verdict;
import dev.otter.rollout.config.RolloutConfig;
import dev.otter.rollout.rollout.RolloutStatus;
import dev.otter.rollout.rollout.api.AdvanceRequest;
import dev.otter.rollout.rollout.client.TelemetryApi;
import dev.otter.rollout.rollout.repository.RolloutEntity;
import dev.otter.rollout.rollout.repository.RolloutRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Advances RUNNING rollouts that asked for it ({@code auto_advance}) once their stage has baked and
 * telemetry's verdict on the rollout is HEALTHY: enough sessions, and a crash rate confidently under
 * the guard. Anything else (too little data, telemetry unreachable) waits for the next round.
 */
@ApplicationScoped
public class AutoAdvancer {
    /** The actor recorded for automatic advances. */
    public static final String ACTOR = "auto:guard";

    private static final Logger LOG = Logger.getLogger(AutoAdvancer.class);

    private final RolloutRepository rollouts;
    private final RolloutService service;
    private final TelemetryApi telemetry;
    private final RolloutConfig config;

    public AutoAdvancer(
            RolloutRepository rollouts,
            RolloutService service,
            @RestClient TelemetryApi telemetry,
            RolloutConfig config) {
        this.rollouts = rollouts;
        this.service = service;
        this.telemetry = telemetry;
        this.config = config;
    }

    /** One pass over the candidates every interval (skipped while one still runs). Never fails. */
    @Scheduled(
            every = "${otter.rollout.auto-advance.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithSession
    Uni<Void> scheduledRound() {
        return round().replaceWithVoid();
    }

    /** One pass over the candidates; returns how many advanced. Never fails. */
    @WithSession
    public Uni<Integer> round() {
        return rollouts.search(null, null, RolloutStatus.RUNNING)
                .map(running -> running.stream()
                        .filter(AutoAdvancer::due)
                        .map(r -> r.id)
                        .toList())
                .chain(this::advanceHealthy)
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("automatic advance round failed: %s", failure.toString());
                    return 0;
                });
    }

    private Uni<Integer> advanceHealthy(List<String> ids) {
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id -> telemetry
                        .health(id)
                        .ifNoItem()
                        .after(config.autoAdvance().healthTimeout())
                        .fail()
                        .chain(health -> health.verdict() == Verdict.HEALTHY
                                ? service.advance(
                                                id,
                                                new AdvanceRequest(false, "guard healthy: " + health.summary()),
                                                ACTOR)
                                        .replaceWith(1)
                                : Uni.createFrom().item(0))
                        .onFailure()
                        .recoverWithItem(failure -> {
                            LOG.warnf(
                                    "rollout %s not advanced automatically (the next round tries again): %s",
                                    id, failure.toString());
                            return 0;
                        }))
                .collect()
                .with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private static boolean due(RolloutEntity r) {
        return r.autoAdvance
                && r.currentStage + 1 < r.stages.size()
                && !Instant.now()
                        .isBefore(r.stageStartedAt.plusSeconds(
                                r.stages.get(r.currentStage).minBakeSeconds()));
    }
}
