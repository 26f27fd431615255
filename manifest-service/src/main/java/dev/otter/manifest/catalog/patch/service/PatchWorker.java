package dev.otter.manifest.catalog.patch.service;

import dev.otter.delta.PatchInfo;
import dev.otter.delta.PatchMaker;
import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.catalog.patch.PatchStatus;
import dev.otter.manifest.catalog.patch.repository.PatchJob;
import dev.otter.manifest.catalog.patch.repository.PatchRepository;
import dev.otter.manifest.catalog.snapshot.CatalogRefresher;
import dev.otter.manifest.config.ManifestConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Makes planned patches in the background, one at a time per instance, with the GGUF-aware
 * {@link PatchMaker} (flat memory, disk speed) on a worker thread; reports progress about once a
 * second, stores the patch content-addressed beside the models, and marks it READY — or TOO_LARGE
 * when it is over the configured share of the full file — bumping the catalog revision so every
 * instance starts offering it.
 */
@ApplicationScoped
public class PatchWorker {
    private static final Logger LOG = Logger.getLogger(PatchWorker.class);

    private final PatchRepository patches;
    private final ArtifactStore store;
    private final CatalogRefresher refresher;
    private final ManifestConfig.Artifacts config;
    // Whether the last poll failed: an outage is logged once, not once per poll interval.
    private final AtomicBoolean failing = new AtomicBoolean();

    public PatchWorker(
            PatchRepository patches, ArtifactStore store, CatalogRefresher refresher, ManifestConfig config) {
        this.patches = patches;
        this.store = store;
        this.refresher = refresher;
        this.config = config.artifacts();
    }

    /**
     * Looks for work every poll interval and drains the queue one job after another; a poll is
     * skipped while the previous one still runs, so an instance makes one patch at a time.
     */
    @Scheduled(
            every = "${otter.manifest.artifacts.patch-poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        return patches.claim()
                .invoke(() -> {
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("patch worker polls again");
                    }
                })
                .chain(job -> job.isPresent()
                        ? make(job.get()).chain(this::poll)
                        : Uni.createFrom().voidItem())
                .onFailure()
                .recoverWithItem(e -> {
                    if (failing.compareAndSet(false, true)) {
                        LOG.warnf(
                                "patch worker failed (a claimed job is taken over after 2 minutes); retrying every"
                                        + " poll interval, repeats logged at DEBUG until it works again: %s",
                                e.toString());
                    } else {
                        LOG.debugf("patch worker still failing: %s", e.toString());
                    }
                    return null;
                });
    }

    private Uni<Void> make(PatchJob job) {
        return Uni.createFrom()
                .item(() -> build(job))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .recoverWithItem(e -> new Outcome(PatchStatus.FAILED, null, null, e.getMessage()))
                .chain(o -> patches.finish(job.id(), o.status(), o.sha256(), o.bytes(), o.detail()))
                .call(() -> refresher.reloadNow())
                .call(refresher::announce)
                .invoke(rev -> LOG.infof(
                        "patch %s %s %s -> %s finished (catalog revision %d)",
                        job.family(), job.tier(), job.fromVersion(), job.toVersion(), rev))
                .replaceWithVoid();
    }

    private record Outcome(PatchStatus status, String sha256, Long bytes, String detail) {}

    private Outcome build(PatchJob job) {
        try (ArtifactStore.LocalCopy base = store.open(job.baseSha256());
                ArtifactStore.LocalCopy target = store.open(job.targetSha256())) {
            Path tmp = store.newUpload();
            try {
                long[] reported = {System.nanoTime()};
                PatchInfo info = new PatchMaker().make(base.path(), target.path(), tmp, done -> {
                    if (System.nanoTime() - reported[0] > 1_000_000_000L) {
                        reported[0] = System.nanoTime();
                        patches.progress(job.id(), done).subscribe().with(v -> {}, e -> {});
                    }
                });
                store.commit(tmp, info.patchSha256());
                String detail = String.format(
                        "%.1f%% of the full file (%d of %d bytes)",
                        100 * info.ratio(), info.patchSize(), info.targetSize());
                boolean small = info.ratio() <= config.patchMaxRatio();
                return new Outcome(
                        small ? PatchStatus.READY : PatchStatus.TOO_LARGE,
                        info.patchSha256(),
                        info.patchSize(),
                        small
                                ? detail
                                : detail + ", above the " + Math.round(config.patchMaxRatio() * 100) + "% limit");
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
