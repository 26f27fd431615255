package dev.otter.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {
    private static PgException pg(String sqlState) {
        return new PgException("duplicate key", "ERROR", sqlState, "detail");
    }

    @Test
    void findsAUniqueViolationAsCauseOrSuppressed() {
        assertThat(SqlFailures.isUniqueViolation(pg("23505"))).isTrue();
        assertThat(SqlFailures.isUniqueViolation(new RuntimeException("wrapped", pg("23505"))))
                .isTrue();
        RuntimeException outer = new RuntimeException("flush failed");
        outer.addSuppressed(pg("23505"));
        assertThat(SqlFailures.isUniqueViolation(outer)).isTrue();
    }

    @Test
    void otherFailuresAreNotConflicts() {
        assertThat(SqlFailures.isUniqueViolation(pg("23503"))).isFalse(); // foreign key
        assertThat(SqlFailures.isUniqueViolation(new IllegalStateException("bug")))
                .isFalse();
    }
}
