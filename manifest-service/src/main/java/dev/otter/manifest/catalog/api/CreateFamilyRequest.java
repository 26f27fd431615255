package dev.otter.manifest.catalog.api;

import dev.otter.contract.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Registers a family, e.g. {@code {"name": "assistant"}}; {@code kind} is {@code model} (the default)
 * or {@code engine} (an inference runtime whose artifacts are named by platform/ABI).
 */
public record CreateFamilyRequest(
        @NotNull @Pattern(regexp = Identifiers.FAMILY, message = Identifiers.FAMILY_MESSAGE) String name,
        @Size(max = 200) String displayName,
        @Size(max = 4000) String description,
        @Pattern(regexp = "^(?i)(model|engine)$", message = "must be model or engine") String kind) {

    /** A model family. */
    public CreateFamilyRequest(String name, String displayName, String description) {
        this(name, displayName, description, null);
    }
}
