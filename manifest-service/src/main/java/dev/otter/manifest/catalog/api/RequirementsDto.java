package dev.otter.manifest.catalog.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a device needs to run an artifact. Versions are MAJOR[.MINOR[.PATCH]]; {@code
 * max_runtime_version} bounds the engines that load the model, so a new engine does not force a
 * model download and an old model is not loaded by an engine it does not fit. {@code
 * device_model_deny} entries match case-insensitively, a trailing {@code *} matches a prefix.
 */
public record RequirementsDto(
        @Size(max = 128) String minAppVersion,
        @Size(max = 128) String minRuntimeVersion,
        @Size(max = 128) String maxRuntimeVersion,
        @PositiveOrZero Integer minRamMb,
        @PositiveOrZero Integer minFreeStorageMb,
        @Size(max = 64) String accelerator,
        @Size(max = 16) List<@Valid @NotNull PlatformDto> platforms,
        @Size(max = 500) List<@NotNull @Size(min = 1, max = 128) String> deviceModelDeny) {}
