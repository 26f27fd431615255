package dev.otter.manifest.signal.rest;

import dev.otter.contract.AppKeys;
import dev.otter.manifest.signal.service.UpdateStreams;
import dev.otter.manifest.update.api.UpdateCheckRequest;
import dev.otter.support.device.DeviceGate;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.Problem;
import dev.otter.support.error.RouteProblems;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/updates/stream}: Server-Sent Events a running app holds open to hear "check now"
 * the moment a change concerns it. The device describes itself in query parameters named as in an
 * update check's body, one {@code model=<family>[@<installed version>]} per family; refusals
 * (bad key, bad field, unknown family, instance full) are problem+json before the stream starts.
 * A plain Vert.x route: a stream is a long response the REST layer has no use for.
 */
@ApplicationScoped
public class StreamRoute {
    /** The path of the stream. */
    public static final String PATH = "/v1/updates/stream";

    private final UpdateStreams streams;
    private final DeviceGate gate;
    private final RouteProblems problems;

    public StreamRoute(UpdateStreams streams, DeviceGate gate, RouteProblems problems) {
        this.streams = streams;
        this.gate = gate;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, PATH).order(-10).handler(this::open);
    }

    private void open(RoutingContext rc) {
        try {
            gate.admit(rc.request(), rc.request().getHeader(AppKeys.HEADER));
            UpdateStreams.StreamRequest request =
                    streams.validate(request(rc.request().params()));
            gate.limitInstall(request.check().device().installId(), "hold one stream and reconnect with back-off");
            String lastEventId = rc.request().getHeader("Last-Event-ID");
            streams.open(
                    request,
                    rc.response(),
                    rc.vertx().getOrCreateContext(),
                    lastEventId != null ? lastEventId : rc.request().getParam("last_event_id"));
        } catch (RuntimeException e) {
            problems.send(rc, e);
        }
    }

    private static UpdateCheckRequest request(MultiMap p) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Integer ram = integer(p, "ram_mb", errors);
        Integer storage = integer(p, "free_storage_mb", errors);
        if (!errors.isEmpty()) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "the stream's parameters are invalid", errors);
        }
        List<UpdateCheckRequest.ModelQuery> models = new ArrayList<>();
        for (String m : p.getAll("model")) {
            int at = m.indexOf('@');
            models.add(new UpdateCheckRequest.ModelQuery(
                    at < 0 ? m : m.substring(0, at), at < 0 ? null : m.substring(at + 1), null, null));
        }
        return new UpdateCheckRequest(
                p.get("install_id"),
                p.get("app_version"),
                p.get("runtime_version"),
                p.get("platform"),
                p.get("os_version"),
                p.get("device_model"),
                ram,
                storage,
                p.get("accelerator"),
                p.get("region"),
                p.get("channel"),
                models,
                p.get("device_class"));
    }

    private static Integer integer(MultiMap p, String name, List<Problem.FieldError> errors) {
        String value = p.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(name, "must be a whole number"));
            return null;
        }
    }
}
