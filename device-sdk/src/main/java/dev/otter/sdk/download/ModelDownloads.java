package dev.otter.sdk.download;

import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.UserConsent;
import dev.otter.sdk.patch.PatchApplier;
import dev.otter.sdk.patch.PatchException;
import dev.otter.sdk.patch.Sha256;
import dev.otter.sdk.store.Faults;
import dev.otter.sdk.store.ModelStore;
import dev.otter.sdk.store.PartialDownload;
import dev.otter.sdk.store.Slot;
import dev.otter.sdk.store.StoreState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Obtains the model a decision wants: from the slot kept for a local rollback when it is that one,
 * else by download under the decision's conditions — a patch from the installed model when one
 * applies (and has not failed here), resumed where it stopped, its sha256 verified before it
 * becomes the pending model; a patch that does not apply is dropped for the full file at once.
 */
public final class ModelDownloads {
    /** Receives the update stages Otter's telemetry counts ({@code download_started}, {@code downloaded}, {@code verify_failed}). */
    public interface Stages {
        void update(String stage, String version, String fromVersion) throws IOException;
    }

    private final Fetcher fetcher;
    private final Faults faults;

    public ModelDownloads(Fetcher fetcher, Faults faults) {
        this.fetcher = fetcher;
        this.faults = faults;
    }

    /** Works on {@code decision} for {@code store} until the model is pending, or says why not. */
    public DownloadResult download(
            ModelStore store,
            Decision decision,
            boolean unmetered,
            UserConsent consent,
            ProgressListener listener,
            Stages stages)
            throws IOException {
        Slot wanted = decision.target();
        if (wanted == null) {
            return DownloadResult.of(DownloadResult.Outcome.NOTHING_TO_DO);
        }
        dropUnwanted(store, wanted);
        StoreState held = store.state();
        if (wanted.equals(held.current())) {
            return DownloadResult.of(DownloadResult.Outcome.NOTHING_TO_DO);
        }
        if (wanted.equals(held.pending())) {
            return DownloadResult.of(DownloadResult.Outcome.READY);
        }
        if (wanted.equals(held.previous())) {
            store.reusePrevious(); // back to the model kept for a local rollback: nothing to fetch
            return DownloadResult.of(DownloadResult.Outcome.READY);
        }
        if (decision.userConfirmationRequired() && consent != UserConsent.CONFIRMED) {
            return DownloadResult.of(DownloadResult.Outcome.NEEDS_CONSENT);
        }
        if (decision.wifiOnly() && !unmetered) {
            return DownloadResult.of(DownloadResult.Outcome.WAITING_FOR_UNMETERED);
        }
        if (!decision.enoughStorage()) {
            return DownloadResult.of(DownloadResult.Outcome.NOT_ENOUGH_STORAGE);
        }
        return fetch(store, decision, wanted, listener, stages);
    }

    /** Drops a pending model or a download that is not {@code wanted} (null: none is): Otter decides what runs. */
    public static void dropUnwanted(ModelStore store, Slot wanted) throws IOException {
        StoreState held = store.state();
        if (held.pending() != null && !held.pending().equals(wanted)) {
            store.dropPending();
        }
        if (held.download() != null && !held.download().target().equals(wanted)) {
            store.dropDownload();
        }
    }

    private DownloadResult fetch(
            ModelStore store, Decision decision, Slot wanted, ProgressListener listener, Stages stages)
            throws IOException {
        PartialDownload d = store.state().download();
        if (d == null) {
            d = fresh(decision, store.state());
            store.download(d);
            stages.update("download_started", wanted.version(), installed(store));
        } else {
            String url = !d.patch()
                    ? decision.artifact().url()
                    : decision.artifact().patch() != null
                            ? decision.artifact().patch().url()
                            : d.url();
            if (!url.equals(d.url())) {
                d = d.withUrl(url); // links expire; the bytes already here do not
                store.download(d);
            }
        }
        Fetcher.Attempt attempt = fetcher.fetch(d.url(), store.partFile(d), d.size(), listener);
        DownloadResult sofar =
                new DownloadResult(DownloadResult.Outcome.PAUSED, attempt.fetched(), attempt.resumed(), false, false);
        if (!attempt.complete()) {
            return sofar;
        }
        faults.at("download.complete");
        return sofar.plus(finish(store, decision, d, listener, stages));
    }

    private DownloadResult finish(
            ModelStore store, Decision decision, PartialDownload d, ProgressListener listener, Stages stages)
            throws IOException {
        Slot wanted = d.target();
        Path verified = store.partFile(d);
        if (d.patch()) {
            try {
                faults.at("patch.before");
                new PatchApplier()
                        .apply(store.file(store.state().current()), verified, d.sha256(), store.patchedFile(d));
                verified = store.patchedFile(d);
                faults.at("patch.after");
            } catch (PatchException e) {
                store.patchFailed(d);
                stages.update("verify_failed", wanted.version(), installed(store));
                DownloadResult failed = new DownloadResult(DownloadResult.Outcome.PAUSED, 0, false, false, true);
                return failed.plus(fetch(store, decision, wanted, listener, stages)); // the full file, now
            }
        }
        if (!Sha256.of(verified).equals(wanted.sha256())) {
            Files.deleteIfExists(verified); // never keep a file that does not match
            store.dropDownload();
            stages.update("verify_failed", wanted.version(), installed(store));
            return DownloadResult.of(DownloadResult.Outcome.VERIFY_FAILED);
        }
        store.downloaded(verified, wanted);
        stages.update("downloaded", wanted.version(), installed(store));
        return new DownloadResult(DownloadResult.Outcome.READY, 0, false, d.patch(), false);
    }

    // A patch when the answer has one for the installed file (and it has not failed here before).
    private static PartialDownload fresh(Decision decision, StoreState held) {
        Slot wanted = decision.target();
        if (decision.patchApplies() && !wanted.sha256().equals(held.patchFailedFor())) {
            return new PartialDownload(
                    wanted,
                    decision.artifact().patch().url(),
                    decision.artifact().patch().sizeBytes(),
                    decision.artifact().patch().sha256(),
                    true);
        }
        return new PartialDownload(
                wanted, decision.artifact().url(), decision.artifact().sizeBytes(), wanted.sha256(), false);
    }

    private static String installed(ModelStore store) {
        Slot current = store.state().current();
        return current == null ? null : current.version();
    }
}
