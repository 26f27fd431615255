package dev.otter.manifest.catalog.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Whether the family's legacy endpoints answer clients that send no app key, and why (kept in the
 * family's history).
 */
public record LegacyAccessRequest(@NotNull Boolean keyless, @NotBlank @Size(max = 500) String reason) {}
