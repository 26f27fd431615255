package dev.otter.rollout.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.rollout.config.RolloutConfig;
import dev.otter.rollout.rollout.WatchStatus;
import dev.otter.rollout.rollout.repository.ReleaseWatchEntity;
import dev.otter.rollout.rollout.repository.ReleaseWatchRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Opens and closes release watches inside the transaction that changes a channel's default: the
 * open watch of the channel is superseded by any change, and a change that puts a new version in
 * front of devices opens one against the version it replaced.
 */
@ApplicationScoped
public class ReleaseWatchWrites {
    private final ReleaseWatchRepository watches;
    private final Duration period;

    public ReleaseWatchWrites(ReleaseWatchRepository watches, RolloutConfig config) {
        this.watches = watches;
        this.period = config.releaseWatch().period();
    }

    /** What a default change asks to be watched: why it happened, and with which guard. */
    public record Watch(ReleaseWatch.Cause cause, GuardSettings guard) {}

    /**
     * The default of {@code family}/{@code channel} moves from {@code previous} (null: none) to
     * {@code version} (null: removed); {@code watch} null: the change is not watched (a revert, a baseline anchor).
     */
    public Uni<Void> defaultChanged(
            String family, Channel channel, String previous, String version, Watch watch, String actor) {
        return watches.findOpen(family, channel)
                .call(open -> open == null
                        ? Uni.createFrom().nullItem()
                        : close(open, WatchStatus.SUPERSEDED, superseded(version)))
                .chain(() -> watch == null || previous == null || previous.equals(version) || period.isZero()
                        ? Uni.createFrom().voidItem()
                        : open(family, channel, previous, version, watch, actor));
    }

    /** Ends an open watch: {@code status} must be a final one. */
    public Uni<ReleaseWatchEntity> close(ReleaseWatchEntity w, WatchStatus status, String reason) {
        if (!w.status.canMoveTo(status)) {
            throw new IllegalStateException(
                    "release watch " + w.id + " cannot move from " + w.status + " to " + status);
        }
        w.status = status;
        w.endedAt = now();
        w.endReason = reason;
        // flushed now: the partial unique index allows the next open watch only once this one is closed
        return watches.persistAndFlush(w);
    }

    private Uni<Void> open(String family, Channel channel, String previous, String version, Watch watch, String actor) {
        ReleaseWatchEntity w = new ReleaseWatchEntity();
        w.id = UUID.randomUUID().toString();
        w.family = family;
        w.channel = channel;
        w.version = version;
        w.previousVersion = previous;
        w.cause = watch.cause();
        w.status = WatchStatus.WATCHING;
        w.guard = watch.guard() == null ? GuardSettings.DEFAULT : watch.guard();
        w.startedAt = now();
        w.endsAt = w.startedAt.plus(period);
        w.startedBy = actor;
        return watches.persist(w).replaceWithVoid();
    }

    private static String superseded(String version) {
        return version == null ? "the channel default was removed" : "the channel default changed to " + version;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
