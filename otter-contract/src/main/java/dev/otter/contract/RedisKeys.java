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
}
