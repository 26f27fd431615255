package dev.otter.testsupport;

import dev.otter.contract.AppKeys;
import dev.otter.contract.RedisKeys;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The device app key tests send, registered straight into the test namespace's Redis key set (as
 * manifest-service would publish it) so every service's tests can call device endpoints.
 */
public final class TestAppKey {
    /** The key itself: fixed, test-only, and valid only in the {@code otter-test} namespace. */
    public static final String KEY = AppKeys.PREFIX + "test-key-for-the-otter-test-namespace-only";

    /** The application it belongs to. */
    public static final String APPLICATION = "test-app";

    private TestAppKey() {}

    /** The commands that register {@link #KEY} in {@code namespace}'s key set, for redis-cli. */
    public static java.util.List<String[]> commands(String namespace) {
        RedisKeys keys = new RedisKeys(namespace);
        return java.util.List.of(
                new String[] {"HSET", keys.appKeys(), AppKeys.hash(KEY), APPLICATION},
                new String[] {"SET", keys.appKeysPublished(), "1"});
    }

    /** Registers {@link #KEY} in {@code namespace}'s key set on the local Redis and announces it. */
    public static void register(String namespace) {
        RedisKeys keys = new RedisKeys(namespace);
        int port = Integer.parseInt(System.getenv().getOrDefault("OTTER_REDIS_PORT", "56379"));
        try (Jedis redis = new Jedis("127.0.0.1", port)) {
            redis.hset(keys.appKeys(), AppKeys.hash(KEY), APPLICATION);
            redis.set(keys.appKeysPublished(), "1");
            redis.publish(keys.appKeysChanged(), "test");
        } catch (JedisConnectionException e) {
            throw new IllegalStateException(
                    "Redis on 127.0.0.1:" + port + " is needed (deploy/local/infra.sh start)", e);
        }
    }
}
