package dev.otter.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A fingerprint of everything the services store in PostgreSQL: rows and an MD5 per table. */
final class StoredState {
    private static final List<String> DATABASES =
            List.of("otter_manifest_e2e", "otter_rollout_e2e", "otter_telemetry_e2e");

    private StoredState() {}

    /** "database.table" → "rows:md5" for every table but Flyway's history. */
    static Map<String, String> fingerprint() throws SQLException {
        Map<String, String> state = new TreeMap<>();
        String port = System.getenv().getOrDefault("OTTER_PG_PORT", "55432");
        for (String db : DATABASES) {
            try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/" + db, "otter", "otter");
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        + "AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet r = s.executeQuery(
                            "SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \""
                                    + table + "\" t")) {
                        r.next();
                        state.put(db + "." + table, r.getLong(1) + ":" + r.getString(2));
                    }
                }
            }
        }
        return state;
    }
}
