package dev.otter.contract;

/**
 * Names of the Redis keys and pub/sub channels the services share, all under one namespace
 * (pub/sub channels are global to a Redis server, so the namespace is what keeps a test run and a
 * running system apart).
 */
public record RedisKeys(String namespace) {
    /**
     * Prefix of the rollout state keys. The braces are a Redis Cluster hash tag: rollout-service
     * writes a family's version, snapshot and guards in one script, which a cluster runs only on keys
     * of one slot.
     */
    private static final String ROLLOUT_STATE = ":rollout:{state}:";

    public RedisKeys {
        Namespace.require(namespace);
    }

    /** Channel on which a manifest-service announces a catalog change; the payload is the new revision. */
    public String catalogChanged() {
        return namespace + ":catalog:changed";
    }

    /** Hash: family → JSON {@code FamilyRolloutState}, written by rollout-service. */
    public String rolloutSnapshots() {
        return namespace + ROLLOUT_STATE + "snapshots";
    }

    /** Hash: family → snapshot version, so a writer can refuse to overwrite a newer snapshot. */
    public String rolloutVersions() {
        return namespace + ROLLOUT_STATE + "versions";
    }

    /**
     * Payload announced on {@link #rolloutChanged()} once the "published" marker is set, so that a
     * manifest-service waiting for complete state becomes ready at once instead of at its next
     * reconcile. No family can carry it: family names never contain '*'.
     */
    public static final String STATE_PUBLISHED_ANNOUNCEMENT = "*:published";

    /**
     * Channel announcing a new snapshot; the payload is {@code family:version}, or
     * {@link #STATE_PUBLISHED_ANNOUNCEMENT}.
     */
    public String rolloutChanged() {
        return namespace + ":rollout:changed";
    }

    /** Hash: rollout id → JSON {@code RolloutGuard} of every active rollout, written by rollout-service. */
    public String rolloutGuards() {
        return namespace + ROLLOUT_STATE + "guards";
    }

    /**
     * Hash: watch id → JSON {@code ReleaseWatch} of every open release watch, written by
     * rollout-service with the snapshot of the watch's family.
     */
    public String releaseWatches() {
        return namespace + ROLLOUT_STATE + "watches";
    }

    /**
     * Set by rollout-service after it has published every family's snapshot. Until it exists, a
     * manifest-service cannot tell "no rollouts" from "rollout state lost" and does not answer.
     */
    public String rolloutStatePublished() {
        return namespace + ROLLOUT_STATE + "published";
    }

    /**
     * Hash: SHA-256 (hex) of an active device app key → application id, written by
     * manifest-service; device endpoints of every service admit a request whose key hashes to a field.
     */
    public String appKeys() {
        return namespace + ":app-keys";
    }

    /**
     * Set by manifest-service each time it has written the whole key set. Missing means Redis lost
     * its data: readers keep the set they hold (rather than refuse every device) until it is back.
     */
    public String appKeysPublished() {
        return namespace + ":app-keys:published";
    }

    /** Channel announcing a change to {@link #appKeys()} (a key created or revoked). */
    public String appKeysChanged() {
        return namespace + ":app-keys:changed";
    }
}
