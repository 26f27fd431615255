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
 * or a file hosted elsewhere with its {@code urls}, {@code size_bytes} and {@code sha256}. An engine's
 * artifacts are named by platform/ABI ({@code tier: android-arm64}). With {@code adapts_interface}
 * the file is an adapter (a prompt template, a tokenizer config) that lets an app on that interface
 * use the version; adapters may be added after the version is published.
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
        @Valid RequirementsDto requirements,
        @Pattern(regexp = Identifiers.INTERFACE, message = Identifiers.INTERFACE_MESSAGE) String adaptsInterface) {

    /** A model (or engine) file, not an adapter. */
    public AddArtifactRequest(
            String tier,
            String file,
            List<String> urls,
            Long sizeBytes,
            String sha256,
            String format,
            String quantization,
            String releaseNotes,
            RequirementsDto requirements) {
        this(tier, file, urls, sizeBytes, sha256, format, quantization, releaseNotes, requirements, null);
    }
}
