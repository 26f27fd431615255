package dev.otter.manifest.signal.service;

import dev.otter.manifest.catalog.CatalogError;
import dev.otter.manifest.catalog.snapshot.CatalogSnapshot;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.update.api.UpdateCheckRequest;
import dev.otter.manifest.update.service.FamilyQuery;
import dev.otter.manifest.update.service.UpdateCheckService;
import dev.otter.manifest.update.service.UpdateCheckValidator;
import dev.otter.support.device.DeviceApiVersion;
import dev.otter.support.error.ApiException;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens update streams: validates the device as an update check would (plus: every family must
 * exist), takes a place under the instance's cap, and starts the event stream with a jittered
 * reconnect delay and a {@code ready} event carrying the cursor. A stream resumed with a cursor
 * that no longer matches gets a "check now" at once: it missed a change.
 */
@ApplicationScoped
public class UpdateStreams {
    private final UpdateCheckService checks;
    private final UpdateCheckValidator validator;
    private final DeviceOutcomes outcomes;
    private final StreamConnections connections;
    private final SignalPlanner planner;
    private final ManifestConfig.Stream config;

    private final DeviceApiVersion apiVersion;

    public UpdateStreams(
            UpdateCheckService checks,
            DeviceOutcomes outcomes,
            StreamConnections connections,
            SignalPlanner planner,
            ManifestConfig config,
            DeviceApiVersion apiVersion) {
        this.apiVersion = apiVersion;
        this.checks = checks;
        this.validator = new UpdateCheckValidator(config.updateCheck().maxFamilies());
        this.outcomes = outcomes;
        this.connections = connections;
        this.planner = planner;
        this.config = config.stream();
    }

    /** A validated stream request: the device and its families. */
    public record StreamRequest(UpdateCheckValidator.ValidCheck check) {}

    /** Validates before anything is written: a 400 listing every bad field, 404 for an unknown family, 503 before the catalog is loaded. */
    public StreamRequest validate(UpdateCheckRequest request) {
        UpdateCheckValidator.ValidCheck check = validator.validate(request);
        CatalogSnapshot snapshot = checks.requireLoaded();
        for (FamilyQuery q : check.queries()) {
            if (snapshot.family(q.family()).isEmpty()) {
                throw new ApiException(
                        CatalogError.FAMILY_NOT_FOUND, "the catalog has no model family '" + q.family() + "'");
            }
        }
        return new StreamRequest(check);
    }

    /**
     * Opens the stream on {@code response} (headers, retry, ready) and registers it; the 503 of a
     * full instance is thrown before anything is written.
     */
    public void open(StreamRequest request, HttpServerResponse response, Context context, String lastEventId) {
        connections.reserve();
        Map<String, Outcome> now =
                outcomes.of(request.check().device(), request.check().queries());
        String cursor = DeviceOutcomes.cursor(now);
        StreamConnection c = new StreamConnection(
                response, context, request.check().device(), request.check().queries(), now);
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache, no-transform")
                .putHeader("X-Accel-Buffering", "no"); // nginx: pass events through unbuffered
        apiVersion.headers().forEach(response::putHeader);
        response.closeHandler(v -> connections.remove(c));
        connections.add(c);
        response.write("retry: " + reconnectMillis() + "\nevent: ready\nid: " + cursor
                + "\ndata: {\"heartbeat_seconds\":" + config.heartbeat().toSeconds() + "}\n\n");
        if (lastEventId != null
                && !lastEventId.isBlank()
                && !lastEventId.strip().equals(cursor)) {
            planner.missed(c, cursor, List.copyOf(now.keySet()));
        }
    }

    // Spread so that a fleet cut off at once (an instance restarting) does not reconnect at once.
    private long reconnectMillis() {
        long min = config.reconnectMin().toMillis();
        long max = Math.max(min + 1, config.reconnectMax().toMillis());
        return ThreadLocalRandom.current().nextLong(min, max);
    }
}
