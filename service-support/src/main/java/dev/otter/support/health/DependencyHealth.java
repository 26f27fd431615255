package dev.otter.support.health;

import dev.otter.contract.Health;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthType;
import io.smallrye.health.registry.HealthRegistries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * Places each backend check where it belongs for this service. Every backend is reported in the
 * {@code dependencies} health group ({@code /q/health/group/dependencies}) and as the gauge {@code
 * otter_backend_up{backend, gates_readiness}}, checked every poll interval; only the backends the
 * service cannot serve without also gate readiness ({@code /q/health/ready}, the Kubernetes probe).
 * A backend the service rides out (manifest-service answers update checks from memory through a
 * Redis or PostgreSQL outage) must not take every pod out of the load balancer at once.
 */
@Startup
@ApplicationScoped
public class DependencyHealth {
    /** The health group that lists every backend. */
    public static final String GROUP = Health.DEPENDENCIES.substring(Health.DEPENDENCIES.lastIndexOf('/') + 1);

    private static final Logger LOG = Logger.getLogger(DependencyHealth.class);

    private final List<Tracked> tracked;

    public DependencyHealth(Instance<BackendHealthCheck> checks, HealthCheckConfig config, MeterRegistry meters) {
        Set<String> riddenOut = config.riddenOut().orElse(Set.of());
        this.tracked = checks.stream()
                .map(check -> new Tracked(check, !riddenOut.contains(check.backend())))
                .toList();
        for (Tracked t : tracked) {
            HealthRegistries.getHealthGroupRegistry(GROUP).register(t.check.backend(), t);
            if (t.gates) {
                HealthRegistries.getRegistry(HealthType.READINESS).register(t.check.backend(), t);
            }
            Gauge.builder(Health.BACKEND_UP_METRIC.replace('_', '.'), t.up, AtomicInteger::get)
                    .description("1 when the backend answered its last check, 0 when not")
                    .tag("backend", t.check.backend())
                    .tag("gates_readiness", Boolean.toString(t.gates))
                    .register(meters);
        }
    }

    /** Checks every backend, so that the gauge stays current when no probe asks. */
    @Scheduled(
            every = "${otter.health.poll-interval}",
            identity = "backend-health-poll",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        return Multi.createFrom()
                .iterable(tracked)
                .onItem()
                .transformToUniAndMerge(Tracked::call)
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** A backend check that remembers its last outcome for the gauge and logs changes. */
    private static final class Tracked implements AsyncHealthCheck {
        private final BackendHealthCheck check;
        private final boolean gates;
        private final AtomicInteger up = new AtomicInteger(-1);

        Tracked(BackendHealthCheck check, boolean gates) {
            this.check = check;
            this.gates = gates;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return check.call().invoke(this::record);
        }

        private void record(HealthCheckResponse response) {
            int now = response.getStatus() == HealthCheckResponse.Status.UP ? 1 : 0;
            int before = up.getAndSet(now);
            if (before != 0 && now == 0) {
                LOG.warnf(
                        "%s is not answering (%s); %s",
                        check.backend(),
                        response.getData().map(d -> d.get("error")).orElse("no detail"),
                        gates
                                ? "this pod reports itself unready until it is back"
                                : "this pod keeps serving from what it holds and reconnects on its own");
            } else if (before == 0 && now == 1) {
                LOG.infof("%s answers again", check.backend());
            }
        }
    }
}
