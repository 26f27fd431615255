package dev.otter.manifest.catalog.api;

import dev.otter.contract.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A platform an artifact runs on, with its oldest supported OS version (optional). */
public record PlatformDto(
        @NotNull @Pattern(regexp = Identifiers.PLATFORM, message = Identifiers.PLATFORM_MESSAGE) String platform,
        @Size(max = 64) String minOsVersion) {}
