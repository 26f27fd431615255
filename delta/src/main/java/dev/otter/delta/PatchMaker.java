package dev.otter.delta;

import dev.otter.gguf.GgufException;
import dev.otter.gguf.GgufHeader;
import dev.otter.gguf.GgufReader;
import dev.otter.gguf.TensorInfo;
import dev.otter.sdk.patch.Le;
import dev.otter.sdk.patch.PatchException;
import dev.otter.sdk.patch.PatchFormat;
import dev.otter.sdk.patch.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Makes a patch from one GGUF model file to another, tensor by tensor (see DESIGN.md): a target
 * tensor whose base namesake has the same type and shape is compared block by block and equal
 * blocks become COPY ops; everything else (header, new or reshaped tensors, changed blocks) is
 * carried literally. One sequential pass over the target, positional reads of the base, and the
 * base's sha256 on a second thread; memory is a few buffers whatever the file size.
 */
public final class PatchMaker {
    private static final int CHUNK = 1 << 20;
    private static final int MAX_LITERAL = 1 << 20;

    private final int blockSize;

    /** @param blockSize granularity of the within-tensor comparison, a power of two that divides 1 MiB */
    public PatchMaker(int blockSize) {
        if (blockSize <= 0 || CHUNK % blockSize != 0) {
            throw new IllegalArgumentException("block size must divide " + CHUNK);
        }
        this.blockSize = blockSize;
    }

    /** With 64 KiB blocks. */
    public PatchMaker() {
        this(64 * 1024);
    }

    /** Writes the patch from {@code base} to {@code target} into {@code patch} and describes it. */
    public PatchInfo make(Path base, Path target, Path patch) throws IOException {
        return make(base, target, patch, done -> {});
    }

    /** The same, telling {@code progress} how many bytes of the target are done, after each MiB. */
    public PatchInfo make(Path base, Path target, Path patch, LongConsumer progress) throws IOException {
        GgufHeader baseHeader = header(base);
        GgufHeader targetHeader = header(target);
        CompletableFuture<String> baseSha = CompletableFuture.supplyAsync(() -> sha(base));
        long targetSize = Files.size(target);
        MessageDigest targetDigest = Sha256.digest();
        OpWriter ops;
        String targetHex;
        try (FileChannel out = FileChannel.open(
                        patch,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                FileChannel b = FileChannel.open(base, StandardOpenOption.READ);
                FileChannel t = FileChannel.open(target, StandardOpenOption.READ)) {
            out.write(ByteBuffer.allocate(PatchFormat.HEADER_BYTES));
            OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(out), 1 << 16);
            ops = new OpWriter(stream, MAX_LITERAL);
            new Pass(b, t, targetDigest, ops, progress).run(baseHeader, targetHeader, targetSize);
            ops.finish();
            stream.flush();
            byte[] header = new byte[PatchFormat.HEADER_BYTES];
            Le.putInt(header, 0, PatchFormat.MAGIC);
            Le.putInt(header, 4, PatchFormat.VERSION);
            System.arraycopy(HexFormat.of().parseHex(join(baseSha)), 0, header, 8, 32);
            byte[] targetSha = targetDigest.digest();
            System.arraycopy(targetSha, 0, header, 40, 32);
            targetHex = Sha256.hex(targetSha);
            Le.putLong(header, 72, Files.size(base));
            Le.putLong(header, 80, targetSize);
            out.write(ByteBuffer.wrap(header), 0);
            out.force(false);
        }
        return new PatchInfo(
                join(baseSha),
                Files.size(base),
                targetHex,
                targetSize,
                Sha256.of(patch),
                Files.size(patch),
                ops.copied(),
                ops.literals());
    }

    private static GgufHeader header(Path file) throws IOException {
        try {
            GgufHeader h = GgufReader.read(file);
            GgufReader.verifyLayout(h, Files.size(file));
            return h;
        } catch (GgufException e) {
            throw new PatchException(PatchException.Reason.NOT_GGUF, file.getFileName() + ": " + e.getMessage());
        }
    }

    private static String sha(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String join(CompletableFuture<String> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    /** One pass over the target, front to back. */
    private final class Pass {
        private final FileChannel base;
        private final FileChannel target;
        private final MessageDigest digest;
        private final OpWriter ops;
        private final LongConsumer progress;
        private final byte[] t = new byte[CHUNK];
        private final byte[] b = new byte[CHUNK];
        private long cursor;

        Pass(FileChannel base, FileChannel target, MessageDigest digest, OpWriter ops, LongConsumer progress) {
            this.progress = progress;
            this.base = base;
            this.target = target;
            this.digest = digest;
            this.ops = ops;
        }

        void run(GgufHeader baseHeader, GgufHeader targetHeader, long targetSize) throws IOException {
            Map<String, TensorInfo> byName = baseHeader.tensors().stream()
                    .collect(Collectors.toMap(TensorInfo::name, Function.identity(), (x, y) -> x));
            List<TensorInfo> tensors = new ArrayList<>(targetHeader.tensors());
            tensors.sort((x, y) -> Long.compare(x.fileOffset(), y.fileOffset()));
            for (int i = 0; i < tensors.size(); i++) {
                TensorInfo tensor = tensors.get(i);
                long end = tensor.bytes() >= 0
                        ? tensor.fileOffset() + tensor.bytes()
                        : i + 1 < tensors.size() ? tensors.get(i + 1).fileOffset() : targetSize;
                literalUpTo(tensor.fileOffset()); // the header, or padding between tensors
                TensorInfo twin = byName.get(tensor.name());
                if (twin != null
                        && twin.typeCode() == tensor.typeCode()
                        && twin.dimensions().equals(tensor.dimensions())
                        && twin.bytes() == tensor.bytes()
                        && tensor.bytes() >= 0) {
                    compareUpTo(end, twin.fileOffset() - tensor.fileOffset());
                } else {
                    literalUpTo(end);
                }
            }
            literalUpTo(targetSize);
        }

        private int readTarget(long end) throws IOException {
            int n = (int) Math.min(CHUNK, end - cursor);
            ByteBuffer buffer = ByteBuffer.wrap(t, 0, n);
            while (buffer.hasRemaining()) {
                if (target.read(buffer, cursor + buffer.position()) < 0) {
                    throw new PatchException(PatchException.Reason.MALFORMED, "the target changed while read");
                }
            }
            digest.update(t, 0, n);
            progress.accept(cursor + n);
            return n;
        }

        private void literalUpTo(long end) throws IOException {
            while (cursor < end) {
                int n = readTarget(end);
                ops.literal(t, 0, n);
                cursor += n;
            }
        }

        // Target [cursor, end) against the base at the same position shifted by delta.
        private void compareUpTo(long end, long delta) throws IOException {
            while (cursor < end) {
                int n = readTarget(end);
                ByteBuffer buffer = ByteBuffer.wrap(b, 0, n);
                while (buffer.hasRemaining()) {
                    if (base.read(buffer, cursor + delta + buffer.position()) < 0) {
                        throw new PatchException(PatchException.Reason.MALFORMED, "the base changed while read");
                    }
                }
                for (int at = 0; at < n; at += blockSize) {
                    int to = Math.min(n, at + blockSize);
                    if (java.util.Arrays.equals(t, at, to, b, at, to)) {
                        ops.copy(cursor + delta + at, to - at);
                    } else {
                        ops.literal(t, at, to - at);
                    }
                }
                cursor += n;
            }
        }
    }
}
