package dev.otter.rollout.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.rollout.Variant;
import dev.otter.rollout.audit.AuditAction;
import dev.otter.rollout.audit.service.AuditLog;
import dev.otter.rollout.rollout.RolloutError;
import dev.otter.rollout.rollout.repository.ChannelDefaultEntity;
import dev.otter.rollout.rollout.repository.ChannelDefaultRepository;
import dev.otter.rollout.rollout.repository.RolloutEntity;
import dev.otter.support.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The only writer of channel defaults, each change with its audit entry. Called inside a rollout's
 * transaction (first start, rollback, completion) it joins it; called alone it is its own.
 */
@ApplicationScoped
public class ChannelDefaultWrites {
    private final ChannelDefaultRepository defaults;
    private final AuditLog audit;
    private final ReleaseWatchWrites watches;

    public ChannelDefaultWrites(ChannelDefaultRepository defaults, AuditLog audit, ReleaseWatchWrites watches) {
        this.defaults = defaults;
        this.audit = audit;
        this.watches = watches;
    }

    /** Points the channel's default at {@code version}, unwatched; {@code detail} says why. */
    @WithTransaction
    public Uni<ChannelDefaultEntity> set(String family, Channel channel, String version, String actor, String detail) {
        return set(family, channel, version, actor, detail, null);
    }

    /**
     * Points the channel's default at {@code version}; {@code detail} says why. The channel's open
     * release watch ends; {@code watch} (null: none) opens one against the version replaced.
     */
    @WithTransaction
    public Uni<ChannelDefaultEntity> set(
            String family,
            Channel channel,
            String version,
            String actor,
            String detail,
            ReleaseWatchWrites.Watch watch) {
        return defaults.find(family, channel).chain(existing -> {
            ChannelDefaultEntity d = existing != null ? existing : new ChannelDefaultEntity();
            Object before = existing == null ? null : RolloutViews.channelDefault(existing);
            String previous = existing == null ? null : existing.version;
            d.family = family;
            d.channel = channel;
            d.version = version;
            d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            d.updatedBy = actor;
            return defaults.persist(d)
                    .call(() -> watches.defaultChanged(family, channel, previous, version, watch, actor))
                    .call(saved -> audit.record(
                            actor,
                            AuditAction.SET_CHANNEL_DEFAULT,
                            null,
                            family,
                            channel.wireName(),
                            before,
                            RolloutViews.channelDefault(saved),
                            detail));
        });
    }

    /** Removes the channel's default: devices outside rollouts get the newest published version again. */
    @WithTransaction
    public Uni<Void> unset(String family, Channel channel, String actor) {
        return defaults.find(family, channel)
                .onItem()
                .ifNull()
                .failWith(() -> new ApiException(
                        RolloutError.CHANNEL_DEFAULT_NOT_FOUND, "no default for " + family + "/" + channel.wireName()))
                .call(d -> audit.record(
                        actor,
                        AuditAction.UNSET_CHANNEL_DEFAULT,
                        null,
                        family,
                        channel.wireName(),
                        RolloutViews.channelDefault(d),
                        null,
                        null))
                .call(d -> watches.defaultChanged(family, channel, d.version, null, null, actor))
                .call(defaults::delete)
                .replaceWithVoid();
    }

    /**
     * The first start on a channel pins its default to the rollout's baseline, so that from then on
     * devices outside a rollout get a chosen version, never simply the newest published one.
     */
    @WithTransaction
    public Uni<Void> anchor(RolloutEntity r, String actor) {
        return defaults.find(r.family, r.channel)
                .chain(existing -> existing != null
                        ? Uni.createFrom().voidItem()
                        : set(r.family, r.channel, r.baselineVersion, actor, "first rollout " + r.id + " started")
                                .replaceWithVoid());
    }

    /** A default pointing at a version the rollout just rolled back goes back to its baseline. */
    @WithTransaction
    public Uni<Void> resetAfterRollback(RolloutEntity r, String actor) {
        List<String> bad = r.variants.stream()
                .map(Variant::version)
                .filter(v -> !v.equals(r.baselineVersion))
                .toList();
        return defaults.find(r.family, r.channel)
                .chain(d -> d != null && bad.contains(d.version)
                        ? set(r.family, r.channel, r.baselineVersion, actor, "rollout " + r.id + " rolled back")
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }
}
