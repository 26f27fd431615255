package dev.otter.rollout.rollout.repository;

import dev.otter.contract.Channel;
import dev.otter.rollout.rollout.WatchStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Release watches. */
@ApplicationScoped
public class ReleaseWatchRepository implements PanacheRepositoryBase<ReleaseWatchEntity, String> {

    /** The open watch of a family's channel, or null. */
    public Uni<ReleaseWatchEntity> findOpen(String family, Channel channel) {
        return find("family = ?1 and channel = ?2 and status = ?3", family, channel, WatchStatus.WATCHING)
                .firstResult();
    }

    /** A family's watches, newest first. */
    public Uni<List<ReleaseWatchEntity>> listByFamily(String family) {
        return list("family = ?1 order by startedAt desc", family);
    }

    /** Open watches whose period is over. */
    public Uni<List<ReleaseWatchEntity>> listEnded(Instant now) {
        return list("status = ?1 and endsAt <= ?2", WatchStatus.WATCHING, now);
    }
}
