package dev.otter.manifest.catalog.api;

import dev.otter.contract.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The engine that loads a model version: an engine family and the inclusive range of its versions,
 * e.g. {@code {"family": "llama-engine", "min_version": "1.4.0", "max_version": "1.99.0"}}; an absent
 * end is open.
 */
public record EngineRangeDto(
        @NotNull @Pattern(regexp = Identifiers.FAMILY, message = Identifiers.FAMILY_MESSAGE) String family,
        @Size(max = 128) String minVersion,
        @Size(max = 128) String maxVersion) {}
