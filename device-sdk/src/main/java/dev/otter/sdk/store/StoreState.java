package dev.otter.sdk.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What one model family's store remembers, written as one JSON file: the model in use
 * ({@code current}), one downloaded and verified for the next session ({@code pending}), the one
 * before ({@code previous}, kept for a local rollback), a download under way, the rollout the
 * device was last assigned to, and a model whose patch failed here (its full file is taken next).
 */
public final class StoreState {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A device that has nothing yet. */
    public static final StoreState EMPTY = new StoreState(null, null, null, null, null, null, null);

    private final Slot current;
    private final Slot pending;
    private final Slot previous;
    private final PartialDownload download;
    private final String rolloutId;
    private final String variant;
    private final String patchFailedFor;

    StoreState(
            Slot current,
            Slot pending,
            Slot previous,
            PartialDownload download,
            String rolloutId,
            String variant,
            String patchFailedFor) {
        this.current = current;
        this.pending = pending;
        this.previous = previous;
        this.download = download;
        this.rolloutId = rolloutId;
        this.variant = variant;
        this.patchFailedFor = patchFailedFor;
    }

    public Slot current() {
        return current;
    }

    public Slot pending() {
        return pending;
    }

    public Slot previous() {
        return previous;
    }

    public PartialDownload download() {
        return download;
    }

    /** The rollout of the last answer that assigned this device to one, or null. */
    public String rolloutId() {
        return rolloutId;
    }

    public String variant() {
        return variant;
    }

    /** The sha256 of a model whose patch failed to apply here, or null. */
    public String patchFailedFor() {
        return patchFailedFor;
    }

    StoreState withCurrent(Slot s) {
        return new StoreState(s, pending, previous, download, rolloutId, variant, patchFailedFor);
    }

    StoreState withPending(Slot s) {
        return new StoreState(current, s, previous, download, rolloutId, variant, patchFailedFor);
    }

    StoreState withPrevious(Slot s) {
        return new StoreState(current, pending, s, download, rolloutId, variant, patchFailedFor);
    }

    StoreState withDownload(PartialDownload d) {
        return new StoreState(current, pending, previous, d, rolloutId, variant, patchFailedFor);
    }

    StoreState withAssignment(String rollout, String v) {
        return new StoreState(current, pending, previous, download, rollout, v, patchFailedFor);
    }

    StoreState withPatchFailedFor(String sha256) {
        return new StoreState(current, pending, previous, download, rolloutId, variant, sha256);
    }

    /** Whether a slot or the download refers to the model file with this sha256. */
    boolean refersTo(String sha256) {
        return is(current, sha256) || is(pending, sha256) || is(previous, sha256);
    }

    private static boolean is(Slot s, String sha256) {
        return s != null && s.sha256().equals(sha256);
    }

    byte[] toJson() throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.set("current", slot(current));
        o.set("pending", slot(pending));
        o.set("previous", slot(previous));
        if (download != null) {
            ObjectNode d = o.putObject("download");
            d.set("target", slot(download.target()));
            d.put("url", download.url()).put("size", download.size()).put("sha256", download.sha256());
            d.put("patch", download.patch());
        }
        o.put("rollout_id", rolloutId).put("variant", variant).put("patch_failed_for", patchFailedFor);
        return JSON.writeValueAsBytes(o);
    }

    static StoreState fromJson(byte[] bytes) throws IOException {
        JsonNode o = JSON.readTree(bytes);
        JsonNode d = o.path("download");
        PartialDownload download = d.isObject()
                ? new PartialDownload(
                        slot(d.path("target")),
                        d.path("url").asText(),
                        d.path("size").asLong(),
                        d.path("sha256").asText(),
                        d.path("patch").asBoolean())
                : null;
        return new StoreState(
                slot(o.path("current")),
                slot(o.path("pending")),
                slot(o.path("previous")),
                download,
                o.path("rollout_id").textValue(),
                o.path("variant").textValue(),
                o.path("patch_failed_for").textValue());
    }

    private static ObjectNode slot(Slot s) {
        if (s == null) {
            return null;
        }
        ObjectNode n = JSON.createObjectNode();
        return n.put("version", s.version()).put("tier", s.tier()).put("sha256", s.sha256());
    }

    private static Slot slot(JsonNode n) {
        return n.isObject()
                ? new Slot(
                        n.path("version").asText(),
                        n.path("tier").textValue(),
                        n.path("sha256").asText())
                : null;
    }
}
