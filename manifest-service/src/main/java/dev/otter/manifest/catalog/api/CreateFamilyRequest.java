package dev.otter.manifest.catalog.api;

import dev.otter.contract.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Registers a model family, e.g. {@code {"name": "assistant"}}. */
public record CreateFamilyRequest(
        @NotNull @Pattern(regexp = Identifiers.FAMILY, message = Identifiers.FAMILY_MESSAGE) String name,
        @Size(max = 200) String displayName,
        @Size(max = 4000) String description) {}
