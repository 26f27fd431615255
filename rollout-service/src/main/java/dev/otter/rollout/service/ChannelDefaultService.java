package dev.otter.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.version.InvalidVersionException;
import dev.otter.contract.version.SemVer;
import dev.otter.rollout.RolloutError;
import dev.otter.rollout.api.ChannelDefaultView;
import dev.otter.rollout.catalog.CatalogCheck;
import dev.otter.rollout.repository.ChannelDefaultRepository;
import dev.otter.rollout.snapshot.SnapshotPublisher;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    private final RolloutService rollouts;
    private final CatalogCheck catalog;
    private final SnapshotPublisher publisher;
    private final AuditLog audit;

    public ChannelDefaultService(
            ChannelDefaultRepository defaults,
            RolloutService rollouts,
            CatalogCheck catalog,
            SnapshotPublisher publisher,
            AuditLog audit) {
        this.defaults = defaults;
        this.rollouts = rollouts;
        this.catalog = catalog;
        this.publisher = publisher;
        this.audit = audit;
    }

    public Uni<List<ChannelDefaultView>> list(String family) {
        return Panache.withSession(() -> defaults.listByFamily(family))
                .map(all -> all.stream().map(RolloutViews::channelDefault).toList());
    }

    public Uni<ChannelDefaultView> set(String family, String channelName, String version, String actor) {
        Channel channel = channel(channelName);
        String normalised = version(version);
        return catalog.requireReleasable(family, channel, List.of(normalised))
                .chain(() -> Panache.withTransaction(
                        () -> rollouts.setDefault(family, channel, normalised, actor, "pinned by hand")
                                .chain(() -> defaults.find(family, channel))))
                .call(() -> publisher.publish(family))
                .map(RolloutViews::channelDefault);
    }

    public Uni<Void> unset(String family, String channelName, String actor) {
        Channel channel = channel(channelName);
        return Panache.withTransaction(() -> defaults.find(family, channel)
                        .onItem()
                        .ifNull()
                        .failWith(() -> new ApiException(
                                RolloutError.CHANNEL_DEFAULT_NOT_FOUND,
                                "no default for " + family + "/" + channel.wireName()))
                        .call(d -> audit.record(
                                actor,
                                "UNSET_CHANNEL_DEFAULT",
                                null,
                                family,
                                channel.wireName(),
                                RolloutViews.channelDefault(d),
                                null,
                                null))
                        .call(defaults::delete))
                .call(() -> publisher.publish(family))
                .replaceWithVoid();
    }

    private static Channel channel(String name) {
        try {
            return Channel.parse(name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "channel must be stable, beta or internal");
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
