package dev.otter.support.http;

import dev.otter.support.error.CommonError;
import dev.otter.support.error.RouteProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body whose declared Content-Length is over {@code quarkus.http.limits.max-body-size}
 * with a problem+json 413, before anything is read. Quarkus' own check (which this runs just before)
 * answers with an empty body; it still catches chunked bodies that turn out too large.
 */
@ApplicationScoped
public class BodyLimitRoute {
    /** After routes that take large bodies themselves (the upload route, order -10). */
    static final int ORDER = -5;

    private final long maxBytes;
    private final RouteProblems problems;

    public BodyLimitRoute(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize max,
            RouteProblems problems) {
        this.maxBytes = max.asLongValue();
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length == null || !isOver(length)) {
            rc.next();
            return;
        }
        // The unread body is not drained: the connection closes.
        problems.send(rc, CommonError.PAYLOAD_TOO_LARGE, "request bodies are limited to " + maxBytes + " bytes", true);
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // malformed: the HTTP layer refuses it
        }
    }
}
