package dev.otter.sdk.store;

import dev.otter.sdk.patch.Sha256;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models of one family on the device, and every change to them made crash-safe.
 *
 * <p>Model files are named by their sha256 ({@code models/<sha256>.gguf}), so no change ever moves
 * or overwrites a model: a change is one atomic write of {@code state.json} (see {@link
 * AtomicFiles}), and files are deleted only after the state that no longer names them is written.
 * A kill at any point therefore leaves the old state or the new, each naming files that are all
 * there; what the kill left behind (a temporary file, a file no state names) is removed by {@link
 * #open}. A download grows in {@code downloads/<sha256>.part} and becomes a model by an atomic
 * rename once its sha256 is verified.
 */
public final class ModelStore {
    private final Path dir;
    private final AtomicFiles files;
    private final Faults faults;
    private StoreState state;

    private ModelStore(Path dir, AtomicFiles files, Faults faults, StoreState state) {
        this.dir = dir;
        this.files = files;
        this.faults = faults;
        this.state = state;
    }

    /** Opens (or creates) the store in {@code dir}, durable on power loss. */
    public static ModelStore open(Path dir) throws IOException {
        return open(dir, true, Faults.NONE);
    }

    /**
     * Opens the store and removes what an interrupted change left behind.
     *
     * @param sync whether writes are flushed to the disk before they count (see {@link AtomicFiles})
     * @param faults where a test stops the work
     */
    public static ModelStore open(Path dir, boolean sync, Faults faults) throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("downloads"));
        Path file = dir.resolve("state.json");
        StoreState state = Files.exists(file) ? StoreState.fromJson(Files.readAllBytes(file)) : StoreState.EMPTY;
        ModelStore store = new ModelStore(dir, new AtomicFiles(sync, faults), faults, state);
        store.collect();
        return store;
    }

    public StoreState state() {
        return state;
    }

    /** The file of a model this store holds. */
    public Path file(Slot slot) {
        return dir.resolve("models").resolve(slot.sha256() + ".gguf");
    }

    /** Where the bytes of a download accumulate. */
    public Path partFile(PartialDownload d) {
        return dir.resolve("downloads").resolve(d.sha256() + ".part");
    }

    /** Where a patch writes the model it yields, before that is verified. */
    public Path patchedFile(PartialDownload d) {
        return dir.resolve("downloads").resolve(d.target().sha256() + ".patched");
    }

    // ---- changes, each one atomic state write

    /** Remembers a download about to start (or resume from a fresh link). */
    public void download(PartialDownload d) throws IOException {
        save(state.withDownload(d));
    }

    /** Gives up the download under way (and its bytes). */
    public void dropDownload() throws IOException {
        save(state.withDownload(null));
    }

    /** A patch failed here: the next download of this model takes the full file. */
    public void patchFailed(PartialDownload d) throws IOException {
        save(state.withDownload(null).withPatchFailedFor(d.target().sha256()));
    }

    /**
     * Makes a verified file the pending model: {@code verified} (the download, or the model a patch
     * wrote) is renamed into the models and the state names it, in that order.
     */
    public void downloaded(Path verified, Slot target) throws IOException {
        faults.at("downloaded.before-rename");
        files.move(verified, file(target));
        faults.at("downloaded.after-rename");
        save(state.withDownload(null).withPending(target));
    }

    /**
     * Takes a model the app ships (bundled in its package) as the current one when the store holds
     * none: copied in, verified against {@code slot}'s sha256, then named by the state.
     *
     * @return false when the store already has a model or the file does not verify
     */
    public boolean installBundled(Path source, Slot slot) throws IOException {
        if (state.current() != null) {
            return false;
        }
        Path copy = dir.resolve("downloads").resolve(slot.sha256() + ".bundled");
        Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (!Sha256.of(copy).equals(slot.sha256())) {
            Files.delete(copy);
            return false;
        }
        files.move(copy, file(slot));
        save(state.withCurrent(slot));
        return true;
    }

    /** A ROLLBACK to the model kept in {@code previous}: it becomes pending, nothing is fetched. */
    public void reusePrevious() throws IOException {
        save(state.withPending(state.previous()).withPrevious(null));
    }

    /** The pending model is no longer wanted (the server changed its mind before the switch). */
    public void dropPending() throws IOException {
        save(state.withPending(null));
    }

    /** Switches to the pending model; the one in use becomes {@code previous}. */
    public void switchToPending() throws IOException {
        save(state.withPrevious(state.current()).withCurrent(state.pending()).withPending(null));
    }

    /**
     * The model in use failed to load: back to {@code previous} (which is then no longer kept), or
     * to nothing when there is none.
     */
    public void rollBackLocally() throws IOException {
        save(state.withCurrent(state.previous()).withPrevious(null));
    }

    /** The model is removed (end of service). */
    public void uninstall() throws IOException {
        save(state.withCurrent(null).withPending(null).withPrevious(null).withDownload(null));
    }

    /** Remembers the rollout an answer assigned the device to. */
    public void assigned(String rolloutId, String variant) throws IOException {
        if (!java.util.Objects.equals(rolloutId, state.rolloutId())
                || !java.util.Objects.equals(variant, state.variant())) {
            save(state.withAssignment(rolloutId, variant));
        }
    }

    /** Whether a model file still has the sha256 that names it (a damaged disk, a tampering app). */
    public boolean verifies(Slot slot) throws IOException {
        Path f = file(slot);
        return Files.exists(f) && Sha256.of(f).equals(slot.sha256());
    }

    private void save(StoreState next) throws IOException {
        faults.at("save.before");
        files.write(dir.resolve("state.json"), next.toJson());
        state = next;
        faults.at("save.after");
        collect();
    }

    // Deletes what no state names: models no slot holds, bytes of a download given up, temp files.
    private void collect() throws IOException {
        PartialDownload d = state.download();
        try (DirectoryStream<Path> models = Files.newDirectoryStream(dir.resolve("models"))) {
            for (Path f : models) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".gguf") || !state.refersTo(name.substring(0, name.length() - 5))) {
                    Files.deleteIfExists(f);
                }
            }
        }
        try (DirectoryStream<Path> downloads = Files.newDirectoryStream(dir.resolve("downloads"))) {
            for (Path f : downloads) {
                if (d == null || !f.equals(partFile(d))) {
                    Files.deleteIfExists(f);
                }
            }
        }
        Files.deleteIfExists(dir.resolve("state.json.tmp"));
    }
}
