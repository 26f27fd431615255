package dev.otter.rollout.rollout.api;

import java.time.Instant;
import java.util.List;

/** A tester group. */
public record TesterGroupView(
        String name, String description, List<String> installIds, Instant updatedAt, String updatedBy) {}
