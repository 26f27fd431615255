package dev.otter.rollout.rollout.service;

import dev.otter.contract.Channel;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.contract.version.SemVer;
import dev.otter.rollout.rollout.client.CatalogFamily;
import dev.otter.rollout.rollout.client.CatalogListing;
import dev.otter.rollout.rollout.client.CatalogVersion;
import dev.otter.rollout.rollout.messaging.SnapshotPublisher;
import dev.otter.rollout.rollout.repository.ChannelDefaultRepository;
import dev.otter.rollout.rollout.repository.ChannelNewestEntity;
import dev.otter.rollout.rollout.repository.ChannelNewestRepository;
import dev.otter.rollout.rollout.repository.RolloutRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Follows the catalog for channels without a default, where devices get the newest published
 * version: when a newer one is published there (and no rollout is active), it opens a release watch
 * against the version it replaced; a breach pins the channel to that one.
 */
@ApplicationScoped
public class NewestPublishedFollower {
    /** The actor recorded for watches the catalog opened. */
    public static final String ACTOR = "catalog";

    private static final Logger LOG = Logger.getLogger(NewestPublishedFollower.class);
    private static final String PUBLISHED = "PUBLISHED";

    private final CatalogListing catalog;
    private final ChannelNewestRepository newest;
    private final ChannelDefaultRepository defaults;
    private final RolloutRepository rollouts;
    private final ReleaseWatchWrites watches;
    private final SnapshotPublisher publisher;

    public NewestPublishedFollower(
            @RestClient CatalogListing catalog,
            ChannelNewestRepository newest,
            ChannelDefaultRepository defaults,
            RolloutRepository rollouts,
            ReleaseWatchWrites watches,
            SnapshotPublisher publisher) {
        this.catalog = catalog;
        this.newest = newest;
        this.defaults = defaults;
        this.rollouts = rollouts;
        this.watches = watches;
        this.publisher = publisher;
    }

    /** Reads every family's versions; never fails (the next round reads again). */
    @Scheduled(
            every = "${otter.rollout.release-watch.follow-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> follow() {
        return catalog.families()
                .onItem()
                .transformToMulti(families -> Multi.createFrom().iterable(families))
                .onItem()
                .transformToUniAndConcatenate(this::followFamily)
                .collect()
                .asList()
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(f -> {
                    LOG.warnf("could not follow the catalog's newest versions (the next round tries again): %s", f);
                    return null;
                });
    }

    private Uni<Void> followFamily(CatalogFamily family) {
        return catalog.versions(family.name())
                .onItem()
                .transformToMulti(versions -> Multi.createFrom()
                        .iterable(List.of(Channel.values()))
                        .map(c -> new Seen(family.name(), c, newestOn(versions, c))))
                .filter(seen -> seen.version() != null)
                .onItem()
                .transformToUniAndConcatenate(seen -> record(seen)
                        .call(opened -> opened
                                ? publisher.publish(seen.family())
                                : Uni.createFrom().voidItem()))
                .collect()
                .asList()
                .replaceWithVoid();
    }

    /** A channel's newest published version as seen now. */
    record Seen(String family, Channel channel, String version) {}

    /**
     * Records what a channel's newest is; true when that opened a watch (a newer version on a channel
     * without a default and without an active rollout, replacing one seen before).
     */
    @WithTransaction
    Uni<Boolean> record(Seen seen) {
        return newest.find(seen.family(), seen.channel()).chain(last -> {
            if (last != null && last.version.equals(seen.version())) {
                return Uni.createFrom().item(false);
            }
            String previous = last == null ? null : last.version;
            ChannelNewestEntity row = last != null ? last : new ChannelNewestEntity();
            row.family = seen.family();
            row.channel = seen.channel();
            row.version = seen.version();
            row.seenAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return newest.persist(row)
                    .chain(() -> previous == null || !newer(seen.version(), previous)
                            ? Uni.createFrom().item(false)
                            : unchosen(seen)
                                    .chain(free -> free
                                            ? watches.defaultChanged(
                                                            seen.family(),
                                                            seen.channel(),
                                                            previous,
                                                            seen.version(),
                                                            new ReleaseWatchWrites.Watch(
                                                                    ReleaseWatch.Cause.NEWEST_PUBLISHED,
                                                                    GuardSettings.DEFAULT),
                                                            ACTOR)
                                                    .replaceWith(true)
                                            : Uni.createFrom().item(false)));
        });
    }

    // Devices get the newest only when the channel has no default and no active rollout.
    private Uni<Boolean> unchosen(Seen seen) {
        return defaults.find(seen.family(), seen.channel())
                .chain(d -> d != null
                        ? Uni.createFrom().item(false)
                        : rollouts.findActive(seen.family(), seen.channel()).map(r -> r == null));
    }

    private static String newestOn(List<CatalogVersion> versions, Channel channel) {
        Optional<SemVer> top = versions.stream()
                .filter(v -> PUBLISHED.equals(v.status()) && channel.wireName().equals(v.channel()))
                .map(v -> SemVer.parse(v.version()))
                .max(Comparator.naturalOrder());
        return top.map(SemVer::toString).orElse(null);
    }

    private static boolean newer(String version, String than) {
        return SemVer.parse(version).compareTo(SemVer.parse(than)) > 0;
    }
}
