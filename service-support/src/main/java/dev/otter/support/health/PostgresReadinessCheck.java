package dev.otter.support.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the service's PostgreSQL database answers a query through the reactive pool. */
@Readiness
@ApplicationScoped
public class PostgresReadinessCheck implements AsyncHealthCheck {
    private final Pool pool;
    private final HealthCheckConfig config;
    private final String address;

    public PostgresReadinessCheck(
            Pool pool, HealthCheckConfig config, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url) {
        this.pool = pool;
        this.config = config;
        this.address = url.replaceFirst("//[^@/]*@", "//");
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return BackendCheck.run("postgresql", address, config.timeout(), () -> pool.query(
                        "select current_database(), current_setting('server_version')")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return Map.of("database", row.getString(0), "serverVersion", row.getString(1));
                }));
    }
}
