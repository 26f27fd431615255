package dev.otter.rollout.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.Identifiers;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.version.InvalidVersionException;
import dev.otter.contract.version.SemVer;
import dev.otter.rollout.rollout.api.ChannelDefaultView;
import dev.otter.rollout.rollout.client.CatalogCheck;
import dev.otter.rollout.rollout.messaging.SnapshotPublisher;
import dev.otter.rollout.rollout.repository.ChannelDefaultRepository;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Channel defaults: the version every device outside a rollout gets. Set by hand (a pin), on a
 * rollout's first start (its baseline), and by completing a rollout (its winner).
 */
@ApplicationScoped
public class ChannelDefaultService {
    private final ChannelDefaultRepository defaults;
    private final ChannelDefaultWrites writes;
    private final CatalogCheck catalog;
    private final SnapshotPublisher publisher;

    public ChannelDefaultService(
            ChannelDefaultRepository defaults,
            ChannelDefaultWrites writes,
            CatalogCheck catalog,
            SnapshotPublisher publisher) {
        this.defaults = defaults;
        this.writes = writes;
        this.catalog = catalog;
        this.publisher = publisher;
    }

    @WithSession
    public Uni<List<ChannelDefaultView>> list(String family) {
        return defaults.listByFamily(family)
                .map(all -> all.stream().map(RolloutViews::channelDefault).toList());
    }

    /** Pins a channel's default by hand, once the catalog confirms the version; published after commit. */
    public Uni<ChannelDefaultView> set(String family, String channelName, String version, String actor) {
        Channel channel = channel(channelName);
        String normalised = version(version);
        return catalog.requireReleasable(family, channel, List.of(normalised))
                .chain(() -> writes.set(
                        family,
                        channel,
                        normalised,
                        actor,
                        "pinned by hand",
                        new ReleaseWatchWrites.Watch(ReleaseWatch.Cause.PINNED, GuardSettings.DEFAULT)))
                .call(() -> publisher.publish(family))
                .map(RolloutViews::channelDefault);
    }

    public Uni<Void> unset(String family, String channelName, String actor) {
        Channel channel = channel(channelName);
        return writes.unset(family, channel, actor).call(() -> publisher.publish(family));
    }

    private static Channel channel(String name) {
        try {
            return Channel.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "channel " + Identifiers.CHANNEL_MESSAGE);
        }
    }

    private static String version(String version) {
        try {
            return SemVer.parse(version).toString();
        } catch (InvalidVersionException e) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "version: " + e.getMessage());
        }
    }
}
