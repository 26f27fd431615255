package dev.otter.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.otter.delta.PatchMaker;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device offered a patch applies it, and falls back to the full file when the patch is bad. */
class DevicePatchTest {
    @TempDir
    Path dir;

    private HttpServer otter;
    private FileServer files;
    private ModelFile v1;
    private ModelFile v2;
    private String patchSha;
    private long patchSize;
    private final List<String> stages = new ArrayList<>();
    private final TestSigner signer = new TestSigner();

    @BeforeEach
    void start() throws Exception {
        Path served = dir.resolve("files");
        v1 = DemoModels.generate(served, "fam", "1.0.0", DemoModels.LARGE);
        v2 = DemoModels.generate(served, "fam", "2.0.0", DemoModels.LARGE);
        var info = new PatchMaker().make(v1.path(), v2.path(), served.resolve("good.otdp"));
        patchSha = info.patchSha256();
        patchSize = info.patchSize();
        byte[] bad = Files.readAllBytes(served.resolve("good.otdp"));
        bad[bad.length / 2] ^= 0x01;
        Files.write(served.resolve("bad.otdp"), bad);
        files = new FileServer(served, 0, 0);
        otter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        otter.start();
    }

    @AfterEach
    void stop() {
        otter.stop(0);
        files.close();
    }

    private Device device(String patchFile) throws IOException {
        otter.createContext(
                "/v1/update-check",
                ex -> signed(
                        ex,
                        Map.of(
                                "catalog_revision",
                                5,
                                "expires_at",
                                java.time.Instant.now().plusSeconds(3600).toString(),
                                "decisions",
                                List.of(Map.of(
                                        "family",
                                        "fam",
                                        "action",
                                        "UPDATE",
                                        "version",
                                        "2.0.0",
                                        "artifact",
                                        Map.of(
                                                "tier", "3b",
                                                "url", files.url(v2.path()),
                                                "size_bytes", v2.size(),
                                                "sha256", v2.sha256(),
                                                "patch",
                                                        Map.of(
                                                                "url",
                                                                files.url(
                                                                        v2.path()
                                                                                .resolveSibling(patchFile)),
                                                                "size_bytes",
                                                                patchSize,
                                                                "sha256",
                                                                patchSha,
                                                                "base_sha256",
                                                                v1.sha256())),
                                        "download",
                                        Map.of("wifi_only", false, "enough_storage", true))))));
        otter.createContext("/v1/telemetry/events", ex -> {
            JsonNode batch = Json.MAPPER.readTree(ex.getRequestBody());
            batch.path("events").forEach(e -> stages.add(e.path("update_stage").asText()));
            answer(ex, 202, Map.of("accepted", batch.path("events").size()));
        });
        String url = "http://127.0.0.1:" + otter.getAddress().getPort();
        FleetConfig config = new FleetConfig(
                "fam", "stable", 1, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, Map.of(), Map.of(), 0, 0, Misbehaviour.NONE, null);
        DeviceProfile profile = DeviceProfile.of(1, 0);
        Path home = dir.resolve("device");
        Files.createDirectories(home);
        Device device = new Device(
                profile,
                home,
                new OtterClient(url, url, url, null, "otk_test"),
                signer.keys(),
                new Network(new HttpTransport(), 0, 0),
                config,
                new FleetLog());
        device.sdk().installBundled("fam", v1.path(), "1.0.0", "3b");
        return device;
    }

    private void signed(HttpExchange ex, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Otter-Signature", signer.header(bytes));
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static void answer(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void aGoodPatchGivesTheNewModelWithoutTheFullDownload() throws Exception {
        Device device = device("good.otdp");
        long before = files.bytesServed();
        device.tick();
        assertThat(device.state().pending()).isEqualTo(new Slot("2.0.0", "3b", v2.sha256()));
        assertThat(Files.readAllBytes(
                        device.sdk().store("fam").file(device.state().pending())))
                .isEqualTo(Files.readAllBytes(v2.path()));
        assertThat(files.bytesServed() - before)
                .as("only the patch crossed the network")
                .isEqualTo(patchSize);
        assertThat(stages).containsExactly("download_started", "downloaded");
    }

    @Test
    void aBadPatchFallsBackToTheFullFileAtOnce() throws Exception {
        Device device = device("bad.otdp");
        device.tick();
        assertThat(device.state().pending()).isEqualTo(new Slot("2.0.0", "3b", v2.sha256()));
        assertThat(Files.readAllBytes(
                        device.sdk().store("fam").file(device.state().pending())))
                .isEqualTo(Files.readAllBytes(v2.path()));
        assertThat(Files.readAllBytes(device.currentModelFile()))
                .as("the installed model is untouched")
                .isEqualTo(Files.readAllBytes(v1.path()));
        assertThat(stages).containsExactly("download_started", "verify_failed", "download_started", "downloaded");
    }
}
