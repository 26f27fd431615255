package dev.otter.support.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service migrates its database at start. */
@ConfigMapping(prefix = "otter.migrations")
public interface MigrationConfig {
    /** Whether the service applies its pending migrations when it starts. */
    @WithDefault("true")
    boolean migrateAtStart();

    /** Drop everything in the database first (tests and benchmarks only; refused unless set). */
    @WithDefault("false")
    boolean cleanAtStart();

    /** JDBC address of the service's database (set from the OTTER_PG_* variables). */
    String jdbcUrl();

    /** Where the migration scripts are on the class path. */
    @WithDefault("classpath:db/migration")
    String locations();
}
