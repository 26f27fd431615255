package dev.otter.rollout.rollout.repository;

import dev.otter.contract.Channel;
import dev.otter.rollout.rollout.RolloutStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Rollouts. */
@ApplicationScoped
public class RolloutRepository implements PanacheRepositoryBase<RolloutEntity, String> {

    /** Rollouts filtered by any of family, channel and status (null: any), newest first. */
    public Uni<List<RolloutEntity>> search(String family, Channel channel, RolloutStatus status) {
        return find(
                        "(:family is null or family = :family) and (:channel is null or channel = :channel)"
                                + " and (:status is null or status = :status) order by createdAt desc",
                        Parameters.with("family", family)
                                .and("channel", channel)
                                .and("status", status))
                .list();
    }

    public Uni<RolloutEntity> findActive(String family, Channel channel) {
        return find(
                        "family = ?1 and channel = ?2 and status in ?3",
                        family,
                        channel,
                        List.of(RolloutStatus.RUNNING, RolloutStatus.PAUSED))
                .firstResult();
    }

    /** Whether an active rollout uses the tester group. */
    public Uni<Boolean> activeUsesTesterGroup(String group) {
        return find("status in ?1", List.of(RolloutStatus.RUNNING, RolloutStatus.PAUSED))
                .list()
                .map(active ->
                        active.stream().anyMatch(r -> r.rules.testerGroups().contains(group)));
    }
}
