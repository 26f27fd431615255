package dev.otter.support.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Applies the service's Flyway migrations before any other start-up work reads the database.
 *
 * <p>Why not the quarkus-flyway extension: it needs a Quarkus JDBC datasource, and any JDBC
 * datasource makes Hibernate boot a second, blocking persistence unit (plus Agroal and Narayana)
 * next to the reactive one the services use — about a second of every start for nothing. Flyway's
 * own API with one plain JDBC connection does the same migration, with the same PostgreSQL advisory
 * lock between replicas starting together.
 */
@ApplicationScoped
public class SchemaMigrations {
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    private final MigrationConfig config;
    private final String user;
    private final String password;

    public SchemaMigrations(
            MigrationConfig config,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.config = config;
        this.user = user;
        this.password = password;
    }

    void migrateFirst(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (config.migrateAtStart()) {
            migrate();
        }
    }

    /** Applies pending migrations (after a clean, when configured); fails the start on any error. */
    public MigrateResult migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(config.jdbcUrl(), user, password)
                .locations(config.locations())
                .cleanDisabled(!config.cleanAtStart())
                .load();
        if (config.cleanAtStart()) {
            flyway.clean();
        }
        MigrateResult result = flyway.migrate();
        // targetSchemaVersion is only set when something was applied.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.infof(
                "database %s at schema version %s (%d migrations applied)",
                result.database, version, result.migrationsExecuted);
        return result;
    }
}
