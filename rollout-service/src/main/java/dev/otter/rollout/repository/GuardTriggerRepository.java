package dev.otter.rollout.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Guard triggers received. */
@ApplicationScoped
public class GuardTriggerRepository implements PanacheRepositoryBase<GuardTriggerEntity, String> {}
