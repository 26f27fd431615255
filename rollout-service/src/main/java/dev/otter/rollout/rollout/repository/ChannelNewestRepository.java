package dev.otter.rollout.rollout.repository;

import dev.otter.contract.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The newest published version per family and channel, as last seen. */
@ApplicationScoped
public class ChannelNewestRepository implements PanacheRepositoryBase<ChannelNewestEntity, ChannelNewestEntity.Key> {

    public Uni<java.util.List<ChannelNewestEntity>> listByFamily(String family) {
        return list("family = ?1 order by channel", family);
    }

    public Uni<ChannelNewestEntity> find(String family, Channel channel) {
        return find("family = ?1 and channel = ?2", family, channel).firstResult();
    }
}
