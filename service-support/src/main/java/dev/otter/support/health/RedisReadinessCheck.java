package dev.otter.support.health;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Redis answers PING. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements AsyncHealthCheck {
    private final ReactiveRedisDataSource redis;
    private final HealthCheckConfig config;
    private final String address;

    public RedisReadinessCheck(
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
}
