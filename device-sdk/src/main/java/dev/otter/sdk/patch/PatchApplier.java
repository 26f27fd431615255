package dev.otter.sdk.patch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Applies a patch to a base file, streaming: checks the patch's own sha256 (when known), that the
 * base is the one the patch was made from (size and sha256), writes the target and checks its size
 * and sha256. On any failure nothing is left at {@code out}: the caller falls back to the full file.
 */
public final class PatchApplier {
    private static final int CHUNK = 1 << 20;

    /** The target's sha256 once written and verified. */
    public String apply(Path base, Path patch, String expectedPatchSha256, Path out) throws IOException {
        try {
            return applyOrThrow(base, patch, expectedPatchSha256, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
    }

    private String applyOrThrow(Path base, Path patch, String expectedPatchSha256, Path out) throws IOException {
        if (expectedPatchSha256 != null && !Sha256.of(patch).equalsIgnoreCase(expectedPatchSha256)) {
            throw new PatchException(
                    PatchException.Reason.PATCH_CHECKSUM, "the patch's sha256 is not the expected one");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(patch), 1 << 16));
                FileChannel b = FileChannel.open(base, StandardOpenOption.READ);
                OutputStream o = new BufferedOutputStream(
                        Files.newOutputStream(
                                out,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING,
                                StandardOpenOption.WRITE),
                        1 << 16)) {
            byte[] header = bytes(in, PatchFormat.HEADER_BYTES);
            if (Le.getInt(header, 0) != PatchFormat.MAGIC || Le.getInt(header, 4) != PatchFormat.VERSION) {
                throw malformed("not an Otter patch (version 1)");
            }
            long baseSize = Le.getLong(header, 72);
            long targetSize = Le.getLong(header, 80);
            if (b.size() != baseSize || !Sha256.of(base).equals(Sha256.hex(Arrays.copyOfRange(header, 8, 40)))) {
                throw new PatchException(
                        PatchException.Reason.WRONG_BASE,
                        "the installed file is not the base this patch was made from");
            }
            MessageDigest digest = Sha256.digest();
            long written = run(in, b, o, digest, targetSize);
            if (written != targetSize) {
                throw malformed("the patch writes " + written + " bytes, the target has " + targetSize);
            }
            o.flush();
            byte[] sha = digest.digest();
            if (!Arrays.equals(sha, Arrays.copyOfRange(header, 40, 72))) {
                throw new PatchException(
                        PatchException.Reason.RESULT_MISMATCH, "the result's sha256 is not the target's");
            }
            return Sha256.hex(sha);
        }
    }

    private static long run(DataInputStream in, FileChannel base, OutputStream out, MessageDigest digest, long limit)
            throws IOException {
        byte[] buffer = new byte[CHUNK];
        long written = 0;
        while (true) {
            int op = in.read();
            if (op == PatchFormat.END) {
                if (in.read() != -1) {
                    throw malformed("bytes after the END op");
                }
                return written;
            }
            if (op != PatchFormat.COPY && op != PatchFormat.DATA) {
                throw malformed(op < 0 ? "the patch ends without an END op" : "unknown op " + op);
            }
            long offset = op == PatchFormat.COPY ? Le.getLong(bytes(in, 8), 0) : 0;
            long length = Le.getLong(bytes(in, 8), 0);
            if (length < 0 || written + length > limit) {
                throw malformed("an op writes past the target's size");
            }
            if (op == PatchFormat.COPY && (offset < 0 || offset + length > base.size())) {
                throw malformed("a COPY reads past the end of the base");
            }
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(buffer.length, length - done);
                if (op == PatchFormat.COPY) {
                    ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                    while (bb.hasRemaining()) {
                        base.read(bb, offset + done + bb.position());
                    }
                } else {
                    readFully(in, buffer, n);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                done += n;
            }
            written += length;
        }
    }

    private static byte[] bytes(DataInputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        readFully(in, b, n);
        return b;
    }

    private static void readFully(DataInputStream in, byte[] b, int n) throws IOException {
        try {
            in.readFully(b, 0, n);
        } catch (EOFException e) {
            throw malformed("the patch is truncated");
        }
    }

    private static PatchException malformed(String why) {
        return new PatchException(PatchException.Reason.MALFORMED, why);
    }
}
