package dev.otter.support.health;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** The service's PostgreSQL database answers a query through the reactive pool. */
@ApplicationScoped
public class PostgresHealthCheck implements BackendHealthCheck {

    private final Pool pool;
    private final HealthCheckConfig config;
    private final String address;

    public PostgresHealthCheck(
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

    @Override
    public String backend() {
        return "postgresql";
    }
}
