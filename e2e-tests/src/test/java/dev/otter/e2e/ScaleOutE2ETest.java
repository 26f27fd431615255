package dev.otter.e2e;

/**
 * Many replicas under faults: two instances of each service on a Redis Cluster; once the rollout
 * runs, one manifest-service and one telemetry-service are killed with SIGKILL, the Kafka broker is
 * restarted while they are down, then they are started again — all while the guard is still
 * gathering evidence.
 */
class ScaleOutE2ETest extends FaultedRelease {
    @Override
    protected ScaledSystem.Redis redis() {
        return ScaledSystem.Redis.CLUSTER;
    }

    @Override
    protected void injectFaults() throws Exception {
        system.killFirst("manifest-service");
        system.killFirst("telemetry-service");
        fault("SIGKILL manifest-service-1 and telemetry-service-1");
        system.restartKafka();
        fault("Kafka broker restarted");
        system.restartFirst("manifest-service", "telemetry-service");
        fault("both killed instances ready again");
    }

    @Override
    protected int faultsWhileRunning() {
        return 2;
    }
}
