package dev.otter.manifest.update.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The decision for one family. {@code version}/{@code artifact} are what to download for UPDATE and
 * ROLLBACK; {@code missing} explains INCOMPATIBLE and why a newer version was not offered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FamilyDecision(
        String family,
        Action action,
        Reason reason,
        String message,
        String installedVersion,
        String version,
        ArtifactOffer artifact,
        String releaseNotes,
        String changeSummary,
        Boolean urgent,
        String urgentReason,
        DownloadConditions download,
        List<Missing> missing,
        Assignment assignment) {}
