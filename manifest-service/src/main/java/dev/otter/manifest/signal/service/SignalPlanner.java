package dev.otter.manifest.signal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.manifest.catalog.snapshot.CatalogCache;
import dev.otter.manifest.catalog.snapshot.CatalogInstalled;
import dev.otter.manifest.rollout.snapshot.RolloutStateInstalled;
import dev.otter.manifest.signal.SignalReason;
import dev.otter.manifest.signal.api.CheckNow;
import dev.otter.manifest.signing.service.SignedJson;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * After every change of the catalog or a family's rollout state, compares what each open stream's
 * device would now be told with what it was told, and queues a signed "check now" for those the
 * change concerns. Changes arriving during a pass are coalesced into the next one; passes run one
 * at a time off the event loop.
 */
@ApplicationScoped
public class SignalPlanner {
    private static final Logger LOG = Logger.getLogger(SignalPlanner.class);

    private final StreamConnections connections;
    private final DeviceOutcomes outcomes;
    private final SignalPacer pacer;
    private final SignedJson signed;
    private final CatalogCache catalog;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final AtomicBoolean pending = new AtomicBoolean();

    public SignalPlanner(
            StreamConnections connections,
            DeviceOutcomes outcomes,
            SignalPacer pacer,
            SignedJson signed,
            CatalogCache catalog,
            ObjectMapper json,
            Vertx vertx) {
        this.connections = connections;
        this.outcomes = outcomes;
        this.pacer = pacer;
        this.signed = signed;
        this.catalog = catalog;
        this.json = json;
        this.vertx = vertx;
    }

    void onRolloutState(@Observes RolloutStateInstalled event) {
        schedule();
    }

    void onCatalog(@Observes CatalogInstalled event) {
        schedule();
    }

    private void schedule() {
        if (connections.size() == 0 || !pending.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            pending.set(false);
                            pass();
                            return null;
                        },
                        true)
                .onFailure(failure -> LOG.warnf(
                        "stream signals not planned (devices hear of this change at their next check): %s",
                        failure.toString()));
    }

    private void pass() {
        List<SignalPacer.Pending> signals = new ArrayList<>();
        Map<DeviceOutcomes.Signal, String> data = new HashMap<>();
        for (StreamConnection c : connections.all()) {
            Map<String, Outcome> after = outcomes.of(c.device(), c.queries());
            DeviceOutcomes.Signal signal =
                    DeviceOutcomes.signal(c.outcomes(), after).orElse(null);
            c.outcomes(after);
            if (signal != null) {
                String body = data.computeIfAbsent(signal, this::signedData);
                signals.add(SignalPacer.Pending.of(c, frame(DeviceOutcomes.cursor(after), body)));
            }
        }
        if (!signals.isEmpty()) {
            LOG.infof("check-now queued for %d of %d streams", signals.size(), connections.size());
        }
        pacer.enqueue(signals);
    }

    /** Queues a signal for one stream that resumed after missing a change. */
    void missed(StreamConnection c, String cursor, List<String> families) {
        String body = signedData(new DeviceOutcomes.Signal(SignalReason.MISSED, families));
        pacer.enqueue(List.of(SignalPacer.Pending.of(c, frame(cursor, body))));
    }

    private static String frame(String cursor, String data) {
        return "event: " + CheckNow.EVENT + "\nid: " + cursor + "\ndata: " + data + "\n\n";
    }

    // The data line: the canonical signed body as a string and its signature, so a device verifies
    // the exact bytes as it does an update-check answer's.
    private String signedData(DeviceOutcomes.Signal signal) {
        CheckNow body = new CheckNow(
                CheckNow.EVENT,
                signal.reason(),
                signal.families(),
                catalog.current().revision(),
                Instant.ofEpochSecond(Instant.now().getEpochSecond()));
        SignedJson.Signed s = signed.sign(body);
        try {
            return json.writeValueAsString(
                    Map.of("body", new String(s.body(), StandardCharsets.UTF_8), "signature", s.signature()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a signal", e);
        }
    }
}
