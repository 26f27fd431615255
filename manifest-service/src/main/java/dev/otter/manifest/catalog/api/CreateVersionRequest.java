package dev.otter.manifest.catalog.api;

import dev.otter.contract.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Creates a DRAFT version. {@code channel} is the least conservative channel that receives it
 * ({@code stable} by default); {@code urgent} needs an {@code urgent_reason}, which devices show
 * the user.
 */
public record CreateVersionRequest(
        @NotNull @Size(max = 128) String version,
        @Pattern(regexp = Identifiers.CHANNEL, message = Identifiers.CHANNEL_MESSAGE) String channel,
        @Size(max = 20000) String releaseNotes,
        @Size(max = 4000) String changeSummary,
        boolean urgent,
        @Size(max = 2000) String urgentReason) {}
