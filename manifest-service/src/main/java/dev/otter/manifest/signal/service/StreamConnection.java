package dev.otter.manifest.signal.service;

import dev.otter.manifest.update.service.DeviceProfile;
import dev.otter.manifest.update.service.FamilyQuery;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;

/**
 * One open update stream: the device as it described itself, its last outcomes (compared at each
 * change), and the response it is written to. Writes hop onto the connection's own event loop.
 */
public final class StreamConnection {
    private final HttpServerResponse response;
    private final Context context;
    private final DeviceProfile device;
    private final List<FamilyQuery> queries;
    private volatile Map<String, Outcome> outcomes;

    StreamConnection(
            HttpServerResponse response,
            Context context,
            DeviceProfile device,
            List<FamilyQuery> queries,
            Map<String, Outcome> outcomes) {
        this.response = response;
        this.context = context;
        this.device = device;
        this.queries = List.copyOf(queries);
        this.outcomes = outcomes;
    }

    DeviceProfile device() {
        return device;
    }

    List<FamilyQuery> queries() {
        return queries;
    }

    Map<String, Outcome> outcomes() {
        return outcomes;
    }

    void outcomes(Map<String, Outcome> next) {
        outcomes = next;
    }

    /** Whether the stream asked about the family. */
    boolean watches(String family) {
        for (FamilyQuery q : queries) {
            if (q.family().equals(family)) {
                return true;
            }
        }
        return false;
    }

    /** Writes an SSE frame; {@code optional} frames (heartbeats) are skipped while the client reads slowly. */
    void write(String frame, boolean optional) {
        context.runOnContext(v -> {
            if (response.closed() || response.ended() || (optional && response.writeQueueFull())) {
                return;
            }
            response.write(Buffer.buffer(frame));
        });
    }
}
