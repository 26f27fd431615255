package dev.otter.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Runs a Quarkus test with PostgreSQL and Redis reached through {@link CuttableProxy}s, so that the
 * test can take either away from the running service and bring it back.
 */
public class BackendProxies implements QuarkusTestResourceLifecycleManager {
    private static CuttableProxy postgres;
    private static CuttableProxy redis;

    @Override
    public synchronized Map<String, String> start() {
        try {
            postgres = CuttableProxy.start("postgresql", port("OTTER_PG_PORT", 55432));
            redis = CuttableProxy.start("redis", port("OTTER_REDIS_PORT", 56379));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "otter.pg.port",
                Integer.toString(postgres.port()),
                "quarkus.redis.hosts",
                "redis://127.0.0.1:" + redis.port());
    }

    @Override
    public synchronized void stop() {
        postgres.close();
        redis.close();
    }

    /** The proxy in front of PostgreSQL. */
    public static CuttableProxy postgres() {
        return postgres;
    }

    /** The proxy in front of Redis. */
    public static CuttableProxy redis() {
        return redis;
    }

    private static int port(String env, int fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
