package dev.otter.sdk.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.sdk.store.Slot;
import dev.otter.sdk.store.StoreState;
import java.time.Duration;

/** Otter's decision for one model family, from a verified answer, with what the app must show. */
public final class Decision {
    private final String family;
    private final Action action;
    private final String reason;
    private final String message;
    private final String version;
    private final Artifact artifact;
    private final Notice notice;
    private final JsonNode download;
    private final String rolloutId;
    private final String variant;
    private final boolean patchApplies;
    private final boolean kept;
    private final Adapter adapter;
    private final String modelInterface;
    private final String applyAfter;
    private final boolean sameSession;

    private Decision(JsonNode d, StoreState held, double bytesPerSecond) {
        this.family = d.path("family").asText();
        this.action = Action.of(d.path("action").asText());
        this.reason = d.path("reason").asText(null);
        this.message = d.path("message").asText(null);
        this.version = d.path("version").asText(null);
        this.artifact = Artifact.of(d.path("artifact"));
        this.download = d.path("download");
        this.adapter = Adapter.of(d.path("adapter"));
        this.modelInterface = d.path("interface").textValue();
        this.applyAfter = d.path("apply_after").textValue();
        this.sameSession = d.path("same_session").asBoolean(false);
        JsonNode assignment = d.path("assignment");
        this.rolloutId = assignment.path("rollout_id").textValue();
        this.variant = assignment.path("variant").textValue();
        Slot wanted = target();
        this.kept = wanted != null && wanted.equals(held.previous());
        this.patchApplies = artifact != null
                && artifact.patch() != null
                && held.current() != null
                && held.current().sha256().equalsIgnoreCase(artifact.patch().baseSha256())
                && !artifact.sha256().equalsIgnoreCase(held.patchFailedFor());
        long bytes =
                kept || artifact == null ? 0 : patchApplies ? artifact.patch().sizeBytes() : artifact.sizeBytes();
        this.notice = new Notice(
                d.path("release_notes").textValue(),
                d.path("change_summary").textValue(),
                d.path("urgent").asBoolean(false),
                d.path("urgent_reason").textValue(),
                reason + (message == null ? "" : ": " + message),
                bytes,
                Duration.ofMillis((long) Math.ceil(bytes * 1000.0 / bytesPerSecond)));
    }

    /** A decision of a verified answer, seen against what the device holds of the family. */
    public static Decision of(JsonNode decision, StoreState held, double bytesPerSecond) {
        return new Decision(decision, held, bytesPerSecond);
    }

    public String family() {
        return family;
    }

    public Action action() {
        return action;
    }

    /** The reason code ({@code NEWER_VERSION}, {@code INSTALLED_RETIRED}, …). */
    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    /** The version to run (UPDATE, ROLLBACK), or null. */
    public String version() {
        return version;
    }

    public Artifact artifact() {
        return artifact;
    }

    public Notice notice() {
        return notice;
    }

    /** The model this decision wants on the device (UPDATE and ROLLBACK), or null. */
    public Slot target() {
        if ((action != Action.UPDATE && action != Action.ROLLBACK) || artifact == null || version == null) {
            return null;
        }
        return new Slot(version, artifact.tier(), artifact.sha256());
    }

    /** The adapter the app needs to use the offered model from its own interface, or null. */
    public Adapter adapter() {
        return adapter;
    }

    /** The interface the offered model implements (e.g. {@code chat@2}), or null. */
    public String modelInterface() {
        return modelInterface;
    }

    /**
     * The family (an engine, or the model an engine waits for) whose change must be activated before
     * this one, or null. The SDK keeps this one pending until then.
     */
    public String applyAfter() {
        return applyAfter;
    }

    /** Whether this change and another family's must be activated at the same session start. */
    public boolean sameSession() {
        return sameSession;
    }

    /** Whether the patch from the installed model will be downloaded rather than the full file. */
    public boolean patchApplies() {
        return patchApplies;
    }

    /** Whether the wanted model is the one kept for a local rollback (no download at all). */
    public boolean kept() {
        return kept;
    }

    public boolean wifiOnly() {
        return download.path("wifi_only").asBoolean(false);
    }

    public boolean enoughStorage() {
        return download.path("enough_storage").asBoolean(true);
    }

    /** Whether the user must confirm first (always, today: T/ISC 5.1). */
    public boolean userConfirmationRequired() {
        return download.path("user_confirmation_required").asBoolean(true);
    }

    /** The rollout this answer put the device in, or null. */
    public String rolloutId() {
        return rolloutId;
    }

    public String variant() {
        return variant;
    }
}
