package dev.otter.contract;

/**
 * Names of the Redis keys and pub/sub channels the services share, all under one namespace
 * (pub/sub channels are global to a Redis server, so the namespace is what keeps a test run and a
 * running system apart).
 */
public record RedisKeys(String namespace) {

    public RedisKeys {
        Namespace.require(namespace);
    }

    /** Channel on which a manifest-service announces a catalog change; the payload is the new revision. */
    public String catalogChanged() {
        return namespace + ":catalog:changed";
    }

    /** Hash: family → JSON {@code FamilyRolloutState}, written by rollout-service. */
    public String rolloutSnapshots() {
        return namespace + ":rollout:snapshots";
    }

    /** Hash: family → snapshot version, so a writer can refuse to overwrite a newer snapshot. */
    public String rolloutVersions() {
        return namespace + ":rollout:versions";
    }

    /** Channel announcing a new snapshot; the payload is {@code family:version}. */
    public String rolloutChanged() {
        return namespace + ":rollout:changed";
    }

    /** Hash: rollout id → JSON {@code RolloutGuard} of every active rollout, written by rollout-service. */
    public String rolloutGuards() {
        return namespace + ":rollout:guards";
    }

    /**
     * Set by rollout-service after it has published every family's snapshot. Until it exists, a
     * manifest-service cannot tell "no rollouts" from "rollout state lost" and does not answer.
     */
    public String rolloutStatePublished() {
        return namespace + ":rollout:published";
    }
}
