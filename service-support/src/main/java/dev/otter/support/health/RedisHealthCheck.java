package dev.otter.support.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Redis answers PING. */
@ApplicationScoped
public class RedisHealthCheck implements BackendHealthCheck {

    private final ReactiveRedisDataSource redis;
    private final HealthCheckConfig config;
    private final String address;

    public RedisHealthCheck(
            ReactiveRedisDataSource redis,
            HealthCheckConfig config,
            @ConfigProperty(name = "quarkus.redis.hosts") String hosts) {
        this.redis = redis;
        this.config = config;
        this.address = hosts.replaceFirst("//[^@/]*@", "//");
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return BackendCheck.run("redis", address, config.timeout(), () -> redis.execute("PING")
                .map(reply -> Map.of("reply", String.valueOf(reply))));
    }

    @Override
    public String backend() {
        return "redis";
    }
}
