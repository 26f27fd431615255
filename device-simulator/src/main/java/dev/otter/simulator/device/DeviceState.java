package dev.otter.simulator.device;

import dev.otter.simulator.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a device remembers between sessions, on disk beside its model files: the current model (in
 * use), a pending one (downloaded and verified, switched to at the next session) and the previous
 * one (kept for a local rollback), and an unfinished download.
 *
 * @param highestCatalogRevision the newest catalog revision of an answer it accepted
 * @param download what the partial download in {@code download.part} is: the model, or a patch to it
 */
public record DeviceState(
        Slot current,
        Slot pending,
        Slot previous,
        Download download,
        String lastRolloutId,
        String lastVariant,
        long highestCatalogRevision) {

    /**
     * A partial download: of which version and tier, from where, its expected size and sha256, the
     * sha256 of the model it yields ({@code target}), and whether it is a patch to the current model.
     */
    public record Download(
            String version, String tier, String url, long size, String sha256, String target, boolean patch) {

        public Download withUrl(String fresh) {
            return new Download(version, tier, fresh, size, sha256, target, patch);
        }
    }

    public static final DeviceState EMPTY = new DeviceState(null, null, null, null, null, null, 0);

    public DeviceState withCurrent(Slot s) {
        return new DeviceState(s, pending, previous, download, lastRolloutId, lastVariant, highestCatalogRevision);
    }

    public DeviceState withPending(Slot s) {
        return new DeviceState(current, s, previous, download, lastRolloutId, lastVariant, highestCatalogRevision);
    }

    public DeviceState withPrevious(Slot s) {
        return new DeviceState(current, pending, s, download, lastRolloutId, lastVariant, highestCatalogRevision);
    }

    public DeviceState withDownload(Download d) {
        return new DeviceState(current, pending, previous, d, lastRolloutId, lastVariant, highestCatalogRevision);
    }

    public DeviceState withAssignment(String rolloutId, String variant) {
        return new DeviceState(current, pending, previous, download, rolloutId, variant, highestCatalogRevision);
    }

    /** Remembers the newest catalog revision an accepted answer carried (older answers are replays). */
    public DeviceState withCatalogRevision(long revision) {
        return new DeviceState(
                current,
                pending,
                previous,
                download,
                lastRolloutId,
                lastVariant,
                Math.max(highestCatalogRevision, revision));
    }

    /** Reads the state file, or an empty state for a new device. */
    public static DeviceState load(Path dir) throws IOException {
        Path file = dir.resolve("state.json");
        return Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), DeviceState.class) : EMPTY;
    }

    /** Writes atomically (a crash never leaves half a state). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("state.json.tmp");
        Json.MAPPER.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
