package dev.otter.support.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * problem+json answers for plain Vert.x routes (uploads, downloads, the body limit), the same
 * documents {@link ProblemExceptionMapper} writes for REST endpoints: both build them with {@link
 * Problem#of}; this is the only place that writes one onto a Vert.x response.
 */
@ApplicationScoped
public class RouteProblems {
    private final ObjectMapper json;

    public RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext rc, ErrorCode code, String detail) {
        send(rc, code, detail, false);
    }

    /**
     * Answers with the problem; {@code close} also closes the connection, for a request whose body
     * is refused unread (draining it could take as long as accepting it).
     */
    public void send(RoutingContext rc, ErrorCode code, String detail, boolean close) {
        send(rc, code, detail, List.of(), close);
    }

    private void send(
            RoutingContext rc, ErrorCode code, String detail, List<Problem.FieldError> errors, boolean close) {
        if (rc.response().ended()) {
            return;
        }
        try {
            byte[] body =
                    json.writeValueAsBytes(Problem.of(code, detail, rc.request().path(), errors));
            rc.response().setStatusCode(code.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
            if (close) {
                rc.response().putHeader("Connection", "close");
            }
            rc.response().end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    /**
     * An {@link ApiException} as its problem, with its field errors and, for a 429 or a refusal
     * that says when to come back, {@code Retry-After}; anything else fails the route (a 500, logged).
     */
    public void send(RoutingContext rc, Throwable failure) {
        if (failure instanceof ApiException e) {
            if (e instanceof RetryLaterException later && !rc.response().ended()) {
                rc.response().putHeader("Retry-After", Long.toString(later.retryAfterSeconds()));
            }
            send(rc, e.code(), e.getMessage(), e.errors(), false);
        } else {
            rc.fail(failure);
        }
    }
}
