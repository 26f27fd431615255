package dev.otter.e2e;

/**
 * A Sentinel failover mid-release: two instances of each service reach Redis through a Sentinel;
 * once the rollout runs the primary is killed with SIGKILL, Sentinel promotes the replica, and the
 * old primary comes back as the new one's replica.
 */
class RedisFailoverE2ETest extends FaultedRelease {
    @Override
    protected ScaledSystem.Redis redis() {
        return ScaledSystem.Redis.SENTINEL;
    }

    @Override
    protected void injectFaults() throws Exception {
        system.sentinel().failOver();
        fault("Redis primary SIGKILLed, replica promoted by Sentinel");
        system.sentinel().rejoin();
        fault("old primary back as the new primary's replica");
    }

    @Override
    protected int faultsWhileRunning() {
        return 1;
    }
}
