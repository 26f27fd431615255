package dev.otter.manifest.app.api;

import dev.otter.contract.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Registers an application: a stable id (used in keys and logs) and a display name. */
public record CreateAppRequest(
        @NotNull @Pattern(regexp = Identifiers.FAMILY, message = Identifiers.FAMILY_MESSAGE) String id,
        @NotNull @Size(min = 1, max = 200) String name) {}
