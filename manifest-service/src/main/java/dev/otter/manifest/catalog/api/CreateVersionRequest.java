package dev.otter.manifest.catalog.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.otter.contract.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Creates a DRAFT version. {@code channel} is the least conservative channel that receives it
 * ({@code stable} by default); {@code urgent} needs an {@code urgent_reason}, which devices show
 * the user. A model version may name the {@code engine} range that loads it and the
 * {@code interface} it implements (e.g. {@code chat@2}); an engine version names neither.
 */
public record CreateVersionRequest(
        @NotNull @Size(max = 128) String version,
        @Pattern(regexp = Identifiers.CHANNEL, message = Identifiers.CHANNEL_MESSAGE) String channel,
        @Size(max = 20000) String releaseNotes,
        @Size(max = 4000) String changeSummary,
        boolean urgent,
        @Size(max = 2000) String urgentReason,
        @Valid EngineRangeDto engine,
        @JsonProperty("interface") @Pattern(regexp = Identifiers.INTERFACE, message = Identifiers.INTERFACE_MESSAGE)
                String modelInterface) {

    /** A version that names no engine and no interface. */
    public CreateVersionRequest(
            String version,
            String channel,
            String releaseNotes,
            String changeSummary,
            boolean urgent,
            String urgentReason) {
        this(version, channel, releaseNotes, changeSummary, urgent, urgentReason, null, null);
    }
}
