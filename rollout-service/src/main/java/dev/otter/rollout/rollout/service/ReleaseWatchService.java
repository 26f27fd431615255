package dev.otter.rollout.rollout.service;

import dev.otter.rollout.rollout.RolloutError;
import dev.otter.rollout.rollout.WatchStatus;
import dev.otter.rollout.rollout.api.NewestSeenView;
import dev.otter.rollout.rollout.api.ReleaseWatchView;
import dev.otter.rollout.rollout.messaging.SnapshotPublisher;
import dev.otter.rollout.rollout.repository.ChannelNewestRepository;
import dev.otter.rollout.rollout.repository.ReleaseWatchEntity;
import dev.otter.rollout.rollout.repository.ReleaseWatchRepository;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Release watches: operators list them; the guard reverts one (its channel default goes back to the
 * version it replaced, audited as the guard); a watch whose period ended without a breach passes.
 */
@ApplicationScoped
public class ReleaseWatchService {
    private static final Logger LOG = Logger.getLogger(ReleaseWatchService.class);

    private final ReleaseWatchRepository watches;
    private final ChannelNewestRepository newest;
    private final ReleaseWatchWrites watchWrites;
    private final ChannelDefaultWrites defaults;
    private final SnapshotPublisher publisher;

    public ReleaseWatchService(
            ReleaseWatchRepository watches,
            ChannelNewestRepository newest,
            ReleaseWatchWrites watchWrites,
            ChannelDefaultWrites defaults,
            SnapshotPublisher publisher) {
        this.watches = watches;
        this.newest = newest;
        this.watchWrites = watchWrites;
        this.defaults = defaults;
        this.publisher = publisher;
    }

    @WithSession
    public Uni<List<ReleaseWatchView>> list(String family) {
        return watches.listByFamily(family)
                .map(all -> all.stream().map(ReleaseWatchService::view).toList());
    }

    /** What the catalog follower last saw as each channel's newest published version. */
    @WithSession
    public Uni<List<NewestSeenView>> newestSeen(String family) {
        return newest.listByFamily(family).map(all -> all.stream()
                .map(n -> new NewestSeenView(n.family, n.channel.wireName(), n.version, n.seenAt))
                .toList());
    }

    @WithSession
    public Uni<ReleaseWatchView> get(String id) {
        return watches.findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(RolloutError.RELEASE_WATCH_NOT_FOUND, "no release watch " + id))
                .map(ReleaseWatchService::view);
    }

    /** Whether the watch is still open (a trigger for it can still act). */
    @WithSession
    public Uni<Boolean> isOpen(String id) {
        return watches.findById(id).map(w -> w != null && w.status == WatchStatus.WATCHING);
    }

    /**
     * Reverts an open watch: the channel default goes back to the version it replaced, audited by
     * {@code actor} with {@code detail} (the evidence); published after commit. False when the watch
     * was no longer open (nothing changed).
     */
    public Uni<Boolean> revert(String id, String reason, String actor, String detail) {
        return revertInTransaction(id, reason, actor, detail)
                .call(family -> family == null ? Uni.createFrom().nullItem() : publisher.publish(family))
                .map(family -> family != null);
    }

    @WithTransaction
    Uni<String> revertInTransaction(String id, String reason, String actor, String detail) {
        return watches.findById(id).chain(w -> {
            if (w == null || !w.status.canMoveTo(WatchStatus.REVERTED)) {
                return Uni.createFrom().nullItem();
            }
            return watchWrites
                    .close(w, WatchStatus.REVERTED, reason)
                    .chain(() -> defaults.set(w.family, w.channel, w.previousVersion, actor, detail))
                    .replaceWith(w.family);
        });
    }

    /** Closes watches whose period is over as passed, and unpublishes them. */
    @Scheduled(
            every = "${otter.rollout.release-watch.close-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> closePassed() {
        return passEnded(Instant.now())
                .onItem()
                .transformToMulti(families -> Multi.createFrom().iterable(families))
                .onItem()
                .transformToUniAndConcatenate(publisher::publish)
                .collect()
                .asList()
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(f -> {
                    LOG.warnf("could not close ended release watches (the next round tries again): %s", f.toString());
                    return null;
                });
    }

    /** Passes every open watch ended by {@code now}; returns their families. */
    @WithTransaction
    public Uni<List<String>> passEnded(Instant now) {
        return watches.listEnded(now).chain(ended -> Multi.createFrom()
                .iterable(ended)
                .onItem()
                .transformToUniAndConcatenate(w ->
                        watchWrites.close(w, WatchStatus.PASSED, "watched until " + w.endsAt + " without a breach"))
                .map(w -> w.family)
                .collect()
                .asList()
                .map(families -> families.stream().distinct().toList()));
    }

    static ReleaseWatchView view(ReleaseWatchEntity w) {
        return new ReleaseWatchView(
                w.id,
                w.family,
                w.channel.wireName(),
                w.version,
                w.previousVersion,
                w.cause.name().toLowerCase(Locale.ROOT),
                w.status.name(),
                RolloutViews.guard(w.guard),
                w.startedAt,
                w.startedBy,
                w.endsAt,
                w.endedAt,
                w.endReason);
    }
}
