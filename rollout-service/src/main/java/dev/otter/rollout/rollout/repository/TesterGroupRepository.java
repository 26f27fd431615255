package dev.otter.rollout.rollout.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Tester groups. */
@ApplicationScoped
public class TesterGroupRepository implements PanacheRepositoryBase<TesterGroupEntity, String> {}
