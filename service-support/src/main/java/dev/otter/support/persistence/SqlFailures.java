package dev.otter.support.persistence;

import io.vertx.pgclient.PgException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/** Recognises PostgreSQL failures that are answers rather than bugs. */
public final class SqlFailures {
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlFailures() {}

    /**
     * Whether a unique constraint rejected the write (a concurrent duplicate). Hibernate Reactive
     * reports it as its own exception, sometimes with the driver's error only as a suppressed one,
     * so causes and suppressed exceptions are both searched.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        todo.push(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || t instanceof org.hibernate.exception.ConstraintViolationException c && isUnique(c)) {
                return true;
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable s : t.getSuppressed()) {
                todo.push(s);
            }
        }
        return false;
    }

    private static boolean isUnique(org.hibernate.exception.ConstraintViolationException c) {
        return UNIQUE_VIOLATION.equals(c.getSQLState())
                || c.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE
                || String.valueOf(c.getMessage()).contains("(" + UNIQUE_VIOLATION + ")");
    }
}
