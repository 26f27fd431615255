package dev.otter.support.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
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
    private final ObjectMapper json;

    public BodyLimitRoute(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize max,
            ObjectMapper json) {
        this.maxBytes = max.asLongValue();
        this.json = json;
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
        Problem problem = Problem.of(
                CommonError.PAYLOAD_TOO_LARGE,
                "request bodies are limited to " + maxBytes + " bytes",
                rc.request().path(),
                List.of());
        try {
            rc.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close") // the unread body is not drained
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(413);
        }
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // malformed: the HTTP layer refuses it
        }
    }
}
