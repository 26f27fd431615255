package dev.otter.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otter.sdk.check.Action;
import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.UpdateCheck;
import dev.otter.sdk.check.UserConsent;
import dev.otter.sdk.download.DownloadResult;
import dev.otter.sdk.download.DownloadResult.Outcome;
import dev.otter.sdk.download.ProgressListener;
import dev.otter.sdk.store.Slot;
import dev.otter.sdk.trust.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK against a real HTTP server on loopback: consent, resume, patches, verification, switching, local rollback. */
class OtterDeviceTest {
    private final FakeOtter otter = new FakeOtter();
    private final byte[] v1 = Models.model(300_000, 1);
    private final byte[] v2 = Models.edited(v1, 2);
    private boolean unmetered = true;

    @TempDir
    Path dir;

    OtterDeviceTest() throws Exception {}

    @AfterEach
    void stop() {
        otter.close();
    }

    private OtterDevice device() throws Exception {
        OtterDevice device = otter.device(dir, f -> f.appVersion("3.2.0")
                        .platform("android")
                        .osVersion("14")
                        .deviceClass("phone")
                        .region("DE")
                        .channel("stable")
                        .preferredTier("1b")
                        .unmetered(unmetered))
                .build();
        device.telemetry().setConsent(true);
        return device;
    }

    private Decision check(OtterDevice device) throws Exception {
        UpdateCheck check = device.checkForUpdates();
        assertThat(check.trusted()).as("refusal %s", check.refusal()).isTrue();
        return check.decision("assistant");
    }

    private OtterDevice installed(byte[] model, String version) throws Exception {
        OtterDevice device = device();
        otter.decide(Models.decision("UPDATE", version, otter.serve(version, model), model));
        assertThat(device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE)
                        .outcome())
                .isEqualTo(Outcome.READY);
        assertThat(device.activatePendingAtSessionStart()).containsKey("assistant");
        device.reportLoaded("assistant");
        return device;
    }

    private List<String> stages() throws Exception {
        List<String> stages = new ArrayList<>();
        for (JsonNode b : otter.batches()) {
            for (JsonNode e : b.path("events")) {
                stages.add(e.path("update_stage").asText() + " "
                        + e.path("version").asText());
            }
        }
        return stages;
    }

    @Test
    void nothingIsDownloadedBeforeTheUserConfirmsAndTheNoticeSaysWhatAndHowMuch() throws Exception {
        OtterDevice device = device();
        ObjectNode d = Models.decision("UPDATE", "2.0.0", otter.serve("v1", v1), v1);
        d.put("urgent", true).put("urgent_reason", "fixes a prompt injection");
        otter.decide(d);
        Decision decision = check(device);

        assertThat(device.download(decision, UserConsent.NOT_GIVEN, ProgressListener.NONE)
                        .outcome())
                .isEqualTo(Outcome.NEEDS_CONSENT);
        assertThat(otter.ranges()).isEmpty();
        assertThat(decision.action()).isEqualTo(Action.UPDATE);
        assertThat(decision.notice().downloadBytes()).isEqualTo(v1.length);
        assertThat(decision.notice().expectedTime()).isPositive();
        assertThat(decision.notice().urgent()).isTrue();
        assertThat(decision.notice().urgentReason()).isEqualTo("fixes a prompt injection");
        assertThat(decision.notice().releaseNotes()).isEqualTo("Better answers.");
        assertThat(decision.notice().reason()).isEqualTo("NEWER_VERSION: update to 2.0.0");

        assertThat(device.download(decision, UserConsent.CONFIRMED, ProgressListener.NONE)
                        .outcome())
                .isEqualTo(Outcome.READY);
        assertThat(device.currentModel("assistant"))
                .as("switched only at a session start")
                .isNull();
        assertThat(device.activatePendingAtSessionStart().get("assistant").version())
                .isEqualTo("2.0.0");
        assertThat(Files.readAllBytes(device.currentModel("assistant"))).isEqualTo(v1);
        JsonNode sent = otter.checks().get(0);
        assertThat(sent.path("device_class").asText()).isEqualTo("phone");
        assertThat(sent.path("models").path(0).path("preferred_tier").asText()).isEqualTo("1b");
    }

    @Test
    void aPausedDownloadResumesFromTheByteItStoppedAtEvenAfterARestart() throws Exception {
        OtterDevice device = device();
        otter.decide(Models.decision("UPDATE", "2.0.0", otter.serve("v1", v1), v1));
        DownloadResult first = device.download(check(device), UserConsent.CONFIRMED, (done, total) -> done < total / 3);
        assertThat(first.outcome()).isEqualTo(Outcome.PAUSED);

        OtterDevice restarted = device();
        DownloadResult second = restarted.download(check(restarted), UserConsent.CONFIRMED, ProgressListener.NONE);

        assertThat(second.outcome()).isEqualTo(Outcome.READY);
        assertThat(second.resumed()).isTrue();
        assertThat(first.fetched() + second.fetched()).isEqualTo(v1.length);
        assertThat(otter.ranges()).containsExactly(null, "bytes=" + first.fetched() + "-");
    }

    @Test
    void aServerThatIgnoresTheRangeIsReadFromTheStart() throws Exception {
        OtterDevice device = device();
        otter.decide(Models.decision("UPDATE", "2.0.0", otter.serve("v1", v1), v1));
        device.download(check(device), UserConsent.CONFIRMED, (done, total) -> done < total / 2);
        otter.ignoreRanges(true);
        DownloadResult again = device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE);
        assertThat(again.outcome()).isEqualTo(Outcome.READY);
        assertThat(again.resumed()).isFalse();
        assertThat(again.fetched()).isEqualTo(v1.length);
    }

    @Test
    void aPatchFromTheInstalledModelIsFetchedInsteadOfTheFile() throws Exception {
        OtterDevice device = installed(v1, "1.0.0");
        byte[] patch = Models.patch(v1, v2);
        otter.decide(Models.withPatch(
                Models.decision("UPDATE", "2.0.0", otter.serve("v2", v2), v2), otter.serve("p12", patch), patch, v1));
        Decision decision = check(device);
        assertThat(decision.patchApplies()).isTrue();
        assertThat(decision.notice().downloadBytes()).isEqualTo(patch.length).isLessThan(v2.length / 2);

        DownloadResult r = device.download(decision, UserConsent.CONFIRMED, ProgressListener.NONE);

        assertThat(r.outcome()).isEqualTo(Outcome.READY);
        assertThat(r.patched()).isTrue();
        assertThat(r.fetched()).isEqualTo(patch.length);
        device.activatePendingAtSessionStart();
        assertThat(Files.readAllBytes(device.currentModel("assistant"))).isEqualTo(v2);
    }

    @Test
    void aPatchThatDoesNotApplyFallsBackToTheFullFileAtOnceAndIsNotTriedAgain() throws Exception {
        OtterDevice device = installed(v1, "1.0.0");
        byte[] wrongBase = Models.patch(Models.model(v1.length, 9), v2); // made from another file
        otter.decide(Models.withPatch(
                Models.decision("UPDATE", "2.0.0", otter.serve("v2", v2), v2),
                otter.serve("bad", wrongBase),
                wrongBase,
                v1));

        DownloadResult r = device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE);

        assertThat(r.outcome()).isEqualTo(Outcome.READY);
        assertThat(r.patchFailed()).isTrue();
        assertThat(r.patched()).isFalse();
        assertThat(r.fetched()).isEqualTo(wrongBase.length + v2.length);
        assertThat(device.store("assistant").state().patchFailedFor()).isEqualTo(Models.sha256(v2));
        device.telemetry().flush(Instant.now());
        assertThat(stages()).contains("verify_failed 2.0.0", "downloaded 2.0.0");
    }

    @Test
    void aFileThatDoesNotMatchItsSha256IsDiscardedAndReported() throws Exception {
        OtterDevice device = device();
        ObjectNode d = Models.decision("UPDATE", "2.0.0", otter.serve("v1", v1), v1);
        ((ObjectNode) d.get("artifact")).put("sha256", Models.sha256(v2));
        otter.decide(d);

        assertThat(device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE)
                        .outcome())
                .isEqualTo(Outcome.VERIFY_FAILED);
        assertThat(device.store("assistant").state().pending()).isNull();
        assertThat(device.store("assistant").state().download()).isNull();
        assertThat(Files.list(dir.resolve("models/assistant/downloads"))).isEmpty();
        assertThat(Files.list(dir.resolve("models/assistant/models"))).isEmpty();
        device.telemetry().flush(Instant.now());
        assertThat(stages()).containsExactly("download_started 2.0.0", "verify_failed 2.0.0");
    }

    @Test
    void aModelThatFailsToLoadRollsBackToThePreviousOneAndSaysSo() throws Exception {
        OtterDevice device = installed(v1, "1.0.0");
        otter.decide(Models.decision("UPDATE", "2.0.0", otter.serve("v2", v2), v2));
        device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE);
        device.activatePendingAtSessionStart();
        assertThat(device.store("assistant").state().previous().version()).isEqualTo("1.0.0");

        Slot back = device.reportLoadFailure("assistant");

        assertThat(back.version()).isEqualTo("1.0.0");
        assertThat(Files.readAllBytes(device.currentModel("assistant"))).isEqualTo(v1);
        assertThat(device.store("assistant").state().previous()).isNull();
        device.telemetry().flush(Instant.now());
        assertThat(stages())
                .containsSubsequence("applied 1.0.0", "load_failed 2.0.0", "rolled_back_locally 1.0.0")
                .doesNotContain("applied 2.0.0");
    }

    @Test
    void aRollbackToTheKeptModelNeedsNoDownload() throws Exception {
        OtterDevice device = installed(v1, "1.0.0");
        otter.decide(Models.decision("UPDATE", "2.0.0", otter.serve("v2", v2), v2));
        device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE);
        device.activatePendingAtSessionStart();
        int fetches = otter.ranges().size();

        otter.decide(Models.decision("ROLLBACK", "1.0.0", otter.serve("v1", v1), v1));
        Decision rollback = check(device);
        assertThat(rollback.kept()).isTrue();
        assertThat(rollback.notice().downloadBytes()).isZero();
        assertThat(device.download(rollback, UserConsent.NOT_GIVEN, ProgressListener.NONE)
                        .outcome())
                .as("nothing to fetch, nothing to confirm")
                .isEqualTo(Outcome.READY);
        device.activatePendingAtSessionStart();

        assertThat(otter.ranges()).hasSize(fetches);
        assertThat(Files.readAllBytes(device.currentModel("assistant"))).isEqualTo(v1);
    }

    @Test
    void aWifiOnlyDownloadWaitsForAnUnmeteredNetwork() throws Exception {
        OtterDevice device = device();
        ObjectNode d = Models.decision("UPDATE", "2.0.0", otter.serve("v1", v1), v1);
        ((ObjectNode) d.get("download")).put("wifi_only", true);
        otter.decide(d);
        unmetered = false;
        assertThat(device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE)
                        .outcome())
                .isEqualTo(Outcome.WAITING_FOR_UNMETERED);
        unmetered = true;
        assertThat(device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE)
                        .outcome())
                .isEqualTo(Outcome.READY);
    }

    @Test
    void aTamperedAnswerIsRefusedAndChangesNothing() throws Exception {
        OtterDevice device = installed(v1, "1.0.0");
        otter.decide(Models.decision("UPDATE", "2.0.0", otter.serve("v2", v2), v2));
        device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE);
        otter.decide(Models.decision("NO_UPDATE", "1.0.0", otter.serve("v1", v1), v1));
        otter.tamper(true);

        UpdateCheck refused = device.checkForUpdates();

        assertThat(refused.refusal()).isEqualTo(Refusal.SIGNATURE);
        assertThat(refused.decisions()).isEmpty();
        assertThat(device.store("assistant").state().pending().version())
                .as("a forged NO_UPDATE does not drop the pending model")
                .isEqualTo("2.0.0");
    }

    @Test
    void aNoUpdateDropsAPendingModelTheServerNoLongerWants() throws Exception {
        OtterDevice device = installed(v1, "1.0.0");
        otter.decide(Models.decision("UPDATE", "2.0.0", otter.serve("v2", v2), v2));
        device.download(check(device), UserConsent.CONFIRMED, ProgressListener.NONE);
        otter.decide(Models.decision("NO_UPDATE", "1.0.0", otter.serve("v1", v1), v1));

        check(device);

        assertThat(device.store("assistant").state().pending()).isNull();
        assertThat(device.activatePendingAtSessionStart()).isEmpty();
        assertThat(Files.list(dir.resolve("models/assistant/models"))).hasSize(1);
    }

    @Test
    void aTesterAsksForAVersionByNameUntilItStops() throws Exception {
        OtterDevice device = device();
        otter.decide(Models.decision("NO_UPDATE", "1.0.0", otter.serve("v1", v1), v1));
        device.requestVersion("assistant", "1.0.0");
        check(device);
        device.requestVersion("assistant", null);
        check(device);
        assertThat(otter.checks()
                        .get(0)
                        .path("models")
                        .path(0)
                        .path("requested_version")
                        .asText())
                .isEqualTo("1.0.0");
        assertThat(otter.checks().get(1).path("models").path(0).has("requested_version"))
                .isFalse();
    }
}
