package dev.otter.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.otter.sdk.net.HttpTransport;
import dev.otter.sdk.store.Slot;
import dev.otter.simulator.api.Json;
import dev.otter.simulator.api.OtterClient;
import dev.otter.simulator.files.DemoModels;
import dev.otter.simulator.files.FileServer;
import dev.otter.simulator.files.ModelFile;
import dev.otter.simulator.fleet.FleetConfig;
import dev.otter.simulator.fleet.FleetLog;
import dev.otter.simulator.fleet.Misbehaviour;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device believes only signed, fresh, non-replayed answers, and goes back to an older model only
 * on a ROLLBACK (TUF: arbitrary software, freeze, replay and rollback attacks).
 */
class DeviceTrustTest {
    @TempDir
    Path dir;

    private HttpServer otter;
    private FileServer files;
    private ModelFile v1;
    private ModelFile v2;
    private final TestSigner signer = new TestSigner();
    private final TestSigner attacker = new TestSigner();
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final AtomicReference<String> header = new AtomicReference<>();
    private final FleetLog log = new FleetLog();

    @BeforeEach
    void start() throws Exception {
        v1 = DemoModels.generate(dir.resolve("files"), "fam", "1.0.0", DemoModels.SMALL);
        v2 = DemoModels.generate(dir.resolve("files"), "fam", "2.0.0", DemoModels.SMALL);
        files = new FileServer(dir.resolve("files"), 0, 0);
        otter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        otter.createContext("/v1/update-check", ex -> {
            ex.getResponseHeaders().set("Otter-Signature", header.get());
            ex.sendResponseHeaders(200, body.get().length);
            ex.getResponseBody().write(body.get());
            ex.close();
        });
        otter.createContext("/v1/telemetry/events", ex -> {
            int n = Json.MAPPER.readTree(ex.getRequestBody()).path("events").size();
            byte[] ok = Json.MAPPER.writeValueAsBytes(Map.of("accepted", n));
            ex.sendResponseHeaders(202, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        otter.start();
    }

    @AfterEach
    void stop() {
        otter.stop(0);
        files.close();
    }

    /** Serves an answer: {@code action} to {@code version}, signed by {@code by}. */
    private void serve(String action, ModelFile file, long revision, Instant expires, TestSigner by) throws Exception {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(Map.of(
                "catalog_revision", revision,
                "expires_at", expires.toString(),
                "decisions",
                        List.of(Map.of(
                                "family", "fam",
                                "action", action,
                                "version", file.version(),
                                "artifact",
                                        Map.of(
                                                "tier",
                                                "1b",
                                                "url",
                                                files.url(file.path()),
                                                "size_bytes",
                                                file.size(),
                                                "sha256",
                                                file.sha256()),
                                "download", Map.of("wifi_only", false, "enough_storage", true)))));
        body.set(bytes);
        header.set(by.header(bytes));
    }

    private Device deviceOn(ModelFile installed) throws Exception {
        Path home = Files.createDirectories(dir.resolve("device"));
        String url = "http://127.0.0.1:" + otter.getAddress().getPort();
        FleetConfig config = new FleetConfig(
                "fam", "stable", 1, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, Map.of(), Map.of(), 0, 0, Misbehaviour.NONE, null);
        Device device = new Device(
                DeviceProfile.of(1, 0),
                home,
                new OtterClient(url, url, url, null, "otk_test"),
                signer.keys(),
                new Network(new HttpTransport(), 0, 0),
                config,
                log);
        device.sdk().installBundled("fam", installed.path(), installed.version(), "1b");
        return device;
    }

    private static final Instant LATER = Instant.now().plusSeconds(3600);

    @Test
    void anAnswerNotSignedByAPublishedKeyIsIgnored() throws Exception {
        Device device = deviceOn(v1);
        serve("UPDATE", v2, 5, LATER, attacker);
        device.tick();
        assertThat(device.state().pending()).isNull();
        assertThat(log.refusals()).containsEntry("signature", 1L);

        serve("UPDATE", v2, 5, LATER, signer); // a genuine signature, over other bytes
        body.set(new String(body.get(), StandardCharsets.UTF_8)
                .replace("\"catalog_revision\":5", "\"catalog_revision\":6")
                .getBytes(StandardCharsets.UTF_8));
        device.tick();
        assertThat(device.state().pending()).isNull();
        assertThat(log.refusals()).containsEntry("signature", 2L);
    }

    @Test
    void anExpiredAnswerIsIgnored() throws Exception {
        Device device = deviceOn(v1);
        serve("UPDATE", v2, 5, Instant.now().minusSeconds(1), signer);
        device.tick();
        assertThat(device.state().pending()).isNull();
        assertThat(log.refusals()).containsEntry("expired", 1L);
    }

    @Test
    void anAnswerOlderThanOneAlreadySeenIsIgnored() throws Exception {
        Device device = deviceOn(v1);
        serve("NO_UPDATE", v1, 10, LATER, signer);
        device.tick();
        assertThat(device.sdk().highestCatalogRevision()).isEqualTo(10);
        serve("UPDATE", v2, 9, LATER, signer); // a replay of an older, genuine answer
        device.tick();
        assertThat(device.state().pending()).isNull();
        assertThat(log.refusals()).containsEntry("replayed", 1L);
        serve("UPDATE", v2, 10, LATER, signer);
        device.tick();
        assertThat(device.state().pending()).isEqualTo(new Slot("2.0.0", "1b", v2.sha256()));
    }

    @Test
    void anOlderModelOnlyComesWithASignedRollback() throws Exception {
        Device device = deviceOn(v2);
        serve("UPDATE", v1, 5, LATER, signer);
        device.tick();
        assertThat(device.state().pending()).as("UPDATE to an older version").isNull();
        assertThat(log.refusals()).containsEntry("downgrade", 1L);
        serve("ROLLBACK", v1, 5, LATER, signer);
        device.tick();
        assertThat(device.state().pending()).isEqualTo(new Slot("1.0.0", "1b", v1.sha256()));
    }
}
