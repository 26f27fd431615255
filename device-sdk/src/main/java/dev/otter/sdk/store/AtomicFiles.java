package dev.otter.sdk.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that a kill at any moment leaves either the old content or the new, never a
 * mix: the bytes go to a temporary file, are flushed to the disk, and replace the file by an
 * atomic rename (POSIX rename(2); Android's java.nio.file from API 26 provides it).
 */
public final class AtomicFiles {
    private final boolean sync;
    private final Faults faults;

    /**
     * @param sync whether to fsync before the rename (what survives a power cut, not only a kill;
     *     a simulator of thousands of devices on one disk may turn it off)
     */
    public AtomicFiles(boolean sync, Faults faults) {
        this.sync = sync;
        this.faults = faults;
    }

    /** Replaces {@code file} with {@code bytes}. */
    public void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(bytes, 0, bytes.length / 2);
            faults.at("write.half:" + file.getFileName());
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            if (sync) {
                out.getFD().sync();
            }
        }
        faults.at("write.before-rename:" + file.getFileName());
        move(tmp, file);
    }

    /** Renames atomically, replacing what is there. */
    public void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
