package dev.otter.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.UpdateCheck;
import dev.otter.sdk.check.UserConsent;
import dev.otter.sdk.download.DownloadResult.Outcome;
import dev.otter.sdk.download.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine and a model changing in one answer, against a real HTTP server: a change that must come
 * after the engine's waits for it (also across a restart), two that must go together switch in the
 * same session, and a model's adapter is downloaded and verified.
 */
class EngineAndAdapterTest {
    private static final String ENGINE = "llama-engine";

    private final FakeOtter otter = new FakeOtter();
    private final byte[] engine2 = Models.model(50_000, 7);
    private final byte[] model3 = Models.model(80_000, 8);
    private final byte[] template = "{\"chat_template\": \"{{user}}\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    EngineAndAdapterTest() throws Exception {}

    @AfterEach
    void stop() {
        otter.close();
    }

    private OtterDevice device() throws Exception {
        return otter.device(dir, f -> f.appVersion("3.2.0")
                        .platform("android")
                        .region("DE")
                        .channel("stable")
                        .abi("android-arm64")
                        .interfaces("chat@1")
                        .unmetered(true))
                .family(ENGINE)
                .build();
    }

    private ObjectNode engineUpdate(boolean sameSession) {
        ObjectNode d = Models.decision("UPDATE", "2.0.0", otter.serve("engine-2", engine2), engine2);
        d.put("family", ENGINE);
        ((ObjectNode) d.get("artifact")).put("tier", "android-arm64");
        if (sameSession) {
            d.put("same_session", true);
        }
        return d;
    }

    private ObjectNode modelUpdate(boolean sameSession) {
        ObjectNode d = Models.decision("UPDATE", "3.0.0", otter.serve("model-3", model3), model3);
        d.put("apply_after", ENGINE).put("interface", "chat@2");
        if (sameSession) {
            d.put("same_session", true);
        }
        ObjectNode a = d.putObject("adapter");
        a.put("for_interface", "chat@1")
                .put("url", otter.serve("template", template))
                .put("size_bytes", template.length)
                .put("sha256", Models.sha256(template))
                .put("format", "json");
        return d;
    }

    private static void download(OtterDevice device, Decision d) throws Exception {
        assertThat(device.download(d, UserConsent.CONFIRMED, ProgressListener.NONE)
                        .outcome())
                .isEqualTo(Outcome.READY);
    }

    @Test
    void aModelThatNeedsTheNewEngineWaitsForItEvenAcrossARestartAndItsAdapterComesVerified() throws Exception {
        otter.decideAll(engineUpdate(false), modelUpdate(false));
        OtterDevice device = device();
        UpdateCheck check = device.checkForUpdates();
        Decision model = check.decision("assistant");
        assertThat(model.applyAfter()).isEqualTo(ENGINE);
        assertThat(model.modelInterface()).isEqualTo("chat@2");
        assertThat(model.adapter().forInterface()).isEqualTo("chat@1");

        download(device, model);
        assertThat(device.activatePendingAtSessionStart())
                .as("the engine is not there yet")
                .isEmpty();
        // Restarted before its next check: the order was kept on disk.
        OtterDevice restarted = device();
        assertThat(restarted.activatePendingAtSessionStart()).isEmpty();

        download(restarted, check.decision(ENGINE));
        assertThat(restarted.activatePendingAtSessionStart().keySet()).containsExactly(ENGINE, "assistant");

        Path adapter = restarted.downloadAdapter(model);
        assertThat(Files.readAllBytes(adapter)).isEqualTo(template);
        assertThat(restarted.downloadAdapter(check.decision(ENGINE)))
                .as("the engine has no adapter")
                .isNull();
    }

    @Test
    void anEngineAndAModelThatMustGoTogetherSwitchOnlyWhenBothAreReady() throws Exception {
        otter.decideAll(engineUpdate(true), modelUpdate(true));
        OtterDevice device = device();
        UpdateCheck check = device.checkForUpdates();
        download(device, check.decision(ENGINE));
        assertThat(device.activatePendingAtSessionStart())
                .as("the model is not there yet")
                .isEmpty();
        download(device, check.decision("assistant"));
        assertThat(device.activatePendingAtSessionStart().keySet()).containsExactly(ENGINE, "assistant");
        assertThat(device.store(ENGINE).state().current().version()).isEqualTo("2.0.0");
        assertThat(device.store("assistant").state().current().version()).isEqualTo("3.0.0");
    }

    @Test
    void anAdapterThatDoesNotMatchItsSha256IsDeletedAndRefused() throws Exception {
        ObjectNode model = modelUpdate(false);
        ((ObjectNode) model.get("adapter")).put("sha256", "0".repeat(64));
        otter.decideAll(model);
        OtterDevice device = device();
        Decision d = device.checkForUpdates().decision("assistant");
        assertThatThrownBy(() -> device.downloadAdapter(d)).hasMessageContaining("does not match its sha256");
        try (var files = Files.list(dir.resolve("adapters"))) {
            assertThat(files).isEmpty();
        }
    }
}
