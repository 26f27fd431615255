package dev.otter.rollout.rollout.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Creates or replaces a tester group's members. */
public record TesterGroupRequest(
        @Size(max = 2000) String description, @NotNull @Size(max = 100_000) List<@NotNull String> installIds) {}
