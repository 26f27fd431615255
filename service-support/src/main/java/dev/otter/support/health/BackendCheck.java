package dev.otter.support.health;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Turns one round trip to a backend into a readiness response named after the backend, with its
 * address, the round-trip time, and on failure the reason; a backend that does not answer within
 * the timeout is DOWN.
 */
public final class BackendCheck {
    private BackendCheck() {}

    /** Runs {@code probe} (its item is extra detail, e.g. a server version) and reports the outcome. */
    public static Uni<HealthCheckResponse> run(
            String backend, String address, Duration timeout, Supplier<Uni<Map<String, String>>> probe) {
        long started = System.nanoTime();
        return Uni.createFrom()
                .deferred(() -> probe.get())
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new IllegalStateException("no answer within " + timeout.toMillis() + " ms"))
                .map(details -> {
                    HealthCheckResponseBuilder up =
                            base(backend, address, started).up();
                    details.forEach(up::withData);
                    return up.build();
                })
                .onFailure()
                .recoverWithItem(failure -> base(backend, address, started)
                        .down()
                        .withData("error", describe(failure))
                        .build());
    }

    private static HealthCheckResponseBuilder base(String backend, String address, long started) {
        return HealthCheckResponse.named(backend)
                .withData("address", address)
                .withData("elapsedMs", (System.nanoTime() - started) / 1_000_000);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }
}
