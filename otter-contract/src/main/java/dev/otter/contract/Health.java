package dev.otter.contract;

/**
 * The services' health endpoints (what the Kubernetes probes call, the group that reports every
 * backend) and the backend metric the alerts read. One source for the services, their tests and the
 * deployment checks.
 */
public final class Health {
    /** Started: the startup probe. */
    public static final String STARTED = "/q/health/started";

    /** Alive: the liveness probe (no backend is checked). */
    public static final String LIVE = "/q/health/live";

    /** Can serve: the readiness probe; backends a service rides out are not part of it. */
    public static final String READY = "/q/health/ready";

    /** Every backend the service uses, gating or not, with address, round trip and error. */
    public static final String DEPENDENCIES = "/q/health/group/dependencies";

    /**
     * Gauge per backend, 1 when it answered its last check and 0 when not, with the labels {@code
     * backend} and {@code gates_readiness}; as Prometheus names it.
     */
    public static final String BACKEND_UP_METRIC = "otter_backend_up";

    private Health() {}
}
