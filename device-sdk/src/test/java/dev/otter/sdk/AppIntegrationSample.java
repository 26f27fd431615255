package dev.otter.sdk;

import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.DeviceFacts;
import dev.otter.sdk.check.UpdateCheck;
import dev.otter.sdk.check.UserConsent;
import dev.otter.sdk.download.DownloadResult;
import dev.otter.sdk.trust.TrustedKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;

/** The README's "Integrate Otter in an app", compiled and run by {@link AppIntegrationSampleTest}. */
final class AppIntegrationSample {
    /** What the app's UI and engine do; the sample only calls them. */
    interface App {
        DeviceFacts facts();

        boolean userConfirms(Decision decision); // show decision.notice(): notes, size, time, urgency

        boolean loadModel(Path file); // the engine (llama.cpp, …) loads the GGUF
    }

    static void run(String url, String appKey, byte[] pinnedKeySet, Path dir, App app, Predicate<Path> done)
            throws IOException {
        // README:begin
        OtterDevice otter = OtterDevice.builder()
                .baseUrl(url) // the device API; .telemetryUrl(...) if served apart
                .appKey(appKey)
                .trustedKeys(TrustedKeys.parse(pinnedKeySet)) // shipped with the app
                .storage(dir) // app-private; models, state and queued telemetry live here
                .family("assistant")
                .facts(app::facts) // install id (random per install), platform, region, network...
                .build();
        otter.telemetry().setConsent(true); // only once the user agreed to reporting

        // 1. At app start, before any model is loaded: switch to a model downloaded last time.
        otter.activatePendingAtSessionStart();
        Path model = otter.currentModel("assistant");
        while (model != null && !app.loadModel(model)) {
            otter.reportLoadFailure("assistant"); // local rollback to the previous model
            model = otter.currentModel("assistant");
        }
        otter.reportLoaded("assistant");

        // 2. In the background, at check_again_after: ask, and download with the user's consent.
        UpdateCheck check = otter.checkForUpdates(); // refused unless signed, fresh and no downgrade
        for (Decision d : check.decisions()) {
            if (d.target() != null) {
                UserConsent consent = app.userConfirms(d) ? UserConsent.CONFIRMED : UserConsent.NOT_GIVEN;
                DownloadResult r = otter.download(d, consent, (bytes, total) -> true /* false pauses */);
                // READY: verified and pending, switched at the next session start (step 1)
            }
        }

        // 3. Whenever: report what happens; events are queued on disk and sent in batches.
        if (model != null) {
            otter.telemetry().record(otter.event("session", "assistant").with("session_seconds", 42));
        }
        otter.telemetry().flush(Instant.now()); // honours 429/503 Retry-After; resends are deduplicated
        // README:end
        done.test(model);
    }

    private AppIntegrationSample() {}
}
