package dev.otter.rollout.guard.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Guard triggers received. */
@ApplicationScoped
public class GuardTriggerRepository implements PanacheRepositoryBase<GuardTriggerEntity, String> {

    /** Stores one trigger's outcome in a transaction of its own. */
    @WithTransaction
    public Uni<GuardTriggerEntity> record(GuardTriggerEntity trigger) {
        return persist(trigger);
    }
}
