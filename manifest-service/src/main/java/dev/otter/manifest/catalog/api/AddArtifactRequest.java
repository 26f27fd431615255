package dev.otter.manifest.catalog.api;

import dev.otter.contract.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Adds the file of one tier to a DRAFT version: either {@code file}, the sha256 of an upload to
 * Otter's store (size, sha256 and quantization come from it; {@code urls} become extra mirrors),
 * or a file hosted elsewhere with its {@code urls}, {@code size_bytes} and {@code sha256}.
 */
public record AddArtifactRequest(
        @NotNull @Pattern(regexp = Identifiers.TIER, message = Identifiers.TIER_MESSAGE) String tier,
        @Pattern(regexp = Identifiers.SHA256, message = Identifiers.SHA256_MESSAGE) String file,
        @Size(max = 8) List<@NotNull @Pattern(regexp = Identifiers.URL, message = Identifiers.URL_MESSAGE) String> urls,
        @Positive Long sizeBytes,
        @Pattern(regexp = Identifiers.SHA256, message = Identifiers.SHA256_MESSAGE) String sha256,
        @Pattern(regexp = "^[a-z0-9]{1,16}$", message = "must be lower-case, e.g. gguf") String format,
        @Size(max = 64) String quantization,
        @Size(max = 20000) String releaseNotes,
        @Valid RequirementsDto requirements) {}
