package dev.otter.manifest.update.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The decision for one family. {@code version}/{@code artifact} are what to download for UPDATE and
 * ROLLBACK; {@code missing} explains INCOMPATIBLE and why a newer version was not offered. For a
 * model: {@code engine} is the range of engine versions that load the offered version, {@code
 * interface} the interface it implements and {@code adapter} the file the app needs to use it from
 * its own interface. When an engine and a model change in one answer, {@code applyAfter} names the
 * family whose change to activate first, and {@code sameSession} says both must be activated at the
 * same session start (neither loads with the other's current version).
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
        Assignment assignment,
        RequiredEngine engine,
        @JsonProperty("interface") String modelInterface,
        AdapterOffer adapter,
        String applyAfter,
        Boolean sameSession) {

    /** The same decision, to be activated after {@code family}'s (and at the same session start or not). */
    public FamilyDecision applyingAfter(String family, boolean together) {
        return new FamilyDecision(
                this.family,
                action,
                reason,
                message,
                installedVersion,
                version,
                artifact,
                releaseNotes,
                changeSummary,
                urgent,
                urgentReason,
                download,
                missing,
                assignment,
                engine,
                modelInterface,
                adapter,
                family,
                together ? Boolean.TRUE : null);
    }

    /** The same decision, marked to be activated at the same session start as another family's. */
    public FamilyDecision inSameSession() {
        return applyingAfter(applyAfter, true);
    }

    /** Whether the device is told to change what it runs (download and activate a version). */
    public boolean changesVersion() {
        return action == Action.UPDATE || action == Action.ROLLBACK;
    }
}
