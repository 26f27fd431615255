package dev.otter.manifest.catalog.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A platform an artifact runs on, with its oldest supported OS version (optional). */
public record PlatformDto(
        @NotNull @Pattern(regexp = "^[a-z][a-z0-9-]{1,31}$", message = "must be lower-case, e.g. android or ios")
                String platform,
        @Size(max = 64) String minOsVersion) {}
