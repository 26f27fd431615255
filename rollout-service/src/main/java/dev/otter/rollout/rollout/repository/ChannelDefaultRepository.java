package dev.otter.rollout.rollout.repository;

import dev.otter.contract.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Channel defaults. */
@ApplicationScoped
public class ChannelDefaultRepository implements PanacheRepository<ChannelDefaultEntity> {

    public Uni<ChannelDefaultEntity> find(String family, Channel channel) {
        return find("family = ?1 and channel = ?2", family, channel).firstResult();
    }

    public Uni<List<ChannelDefaultEntity>> listByFamily(String family) {
        return list("family = ?1 order by channel", family);
    }
}
