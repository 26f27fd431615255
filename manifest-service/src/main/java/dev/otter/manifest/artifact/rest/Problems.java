package dev.otter.manifest.artifact.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.ErrorCode;
import dev.otter.support.error.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * problem+json answers for the plain Vert.x routes (uploads, downloads), the same documents the
 * service's exception mapper writes for its REST endpoints.
 */
@ApplicationScoped
public class Problems {
    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext rc, ErrorCode code, String detail) {
        if (rc.response().ended()) {
            return;
        }
        try {
            byte[] body =
                    json.writeValueAsBytes(Problem.of(code, detail, rc.request().path(), List.of()));
            rc.response()
                    .setStatusCode(code.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    /** An {@link ApiException} as its problem; anything else fails the route (a 500, logged). */
    public void send(RoutingContext rc, Throwable failure) {
        if (failure instanceof ApiException e) {
            send(rc, e.code(), e.getMessage());
        } else {
            rc.fail(failure);
        }
    }
}
