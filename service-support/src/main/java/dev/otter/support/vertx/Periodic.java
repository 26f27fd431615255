package dev.otter.support.vertx;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;

/**
 * Runs a periodic job on a fresh, safe, duplicated Vert.x context each time, as Hibernate Reactive
 * requires (a plain timer fires on the event loop's root context, which it refuses).
 */
public final class Periodic {
    private Periodic() {}

    /** Schedules {@code job} every {@code every}; returns the timer id for {@code vertx.cancelTimer}. */
    public static long every(Vertx vertx, Duration every, Runnable job) {
        return vertx.setPeriodic(every.toMillis(), id -> once(vertx, job));
    }

    /** Runs {@code job} once, soon, on such a context. */
    public static void once(Vertx vertx, Runnable job) {
        Context context =
                VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> job.run());
    }
}
