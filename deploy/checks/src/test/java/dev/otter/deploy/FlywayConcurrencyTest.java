package dev.otter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * Replicas that start together all run their migrations at once (migrate-at-start): on PostgreSQL
 * Flyway serialises them with an advisory lock, so each migration runs exactly once and every
 * replica comes up on the same schema. Checked with each service's real migrations, four at a time,
 * against a fresh schema of the local PostgreSQL.
 */
class FlywayConcurrencyTest {
    private static final int REPLICAS = 4;

    private static final String URL = "jdbc:postgresql://127.0.0.1:"
            + System.getenv().getOrDefault("OTTER_PG_PORT", "55432") + "/otter_manifest_bench";

    @Test
    void fourReplicasMigratingAtOnceApplyEachMigrationOnce() throws Exception {
        for (String service : List.of("manifest-service", "rollout-service", "telemetry-service")) {
            String schema = "migrate_check_" + service.replace("-service", "");
            try (Connection c = DriverManager.getConnection(URL, "otter", "otter");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            String location = "filesystem:" + Rendered.ROOT.resolve(service).resolve("src/main/resources/db/migration");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(REPLICAS);
            List<Future<MigrateResult>> replicas = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                Callable<MigrateResult> replica = () -> {
                    start.await();
                    return Flyway.configure()
                            .dataSource(URL, "otter", "otter")
                            .schemas(schema)
                            .locations(location)
                            .load()
                            .migrate();
                };
                replicas.add(pool.submit(replica));
            }
            start.countDown();
            int applied = 0;
            for (Future<MigrateResult> replica : replicas) {
                MigrateResult result = replica.get();
                assertThat(result.success).as(service).isTrue();
                applied += result.migrationsExecuted;
            }
            pool.shutdown();
            try (Connection c = DriverManager.getConnection(URL, "otter", "otter");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT version), bool_and(success) FROM "
                            + schema + ".flyway_schema_history WHERE version IS NOT NULL")) {
                r.next();
                assertThat(r.getInt(1)).as(service + " history rows").isEqualTo(r.getInt(2));
                assertThat(r.getInt(1))
                        .as(service + " migrations")
                        .isEqualTo(applied)
                        .isGreaterThan(0);
                assertThat(r.getBoolean(3)).isTrue();
            }
        }
    }
}
