package dev.otter.gguf;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GGUF header (versions 2 and 3, little-endian) from a stream without reading the tensor
 * data, with bounds on every count and length so that a hostile file cannot exhaust memory. Large
 * metadata arrays (a tokenizer's vocabulary) are summarised, not kept.
 */
public final class GgufReader {
    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final long MAX_COUNT = 1_000_000;
    private static final long MAX_STRING = 16L * 1024 * 1024;
    private static final long MAX_ARRAY = 50_000_000;
    private static final int KEEP_ARRAY = 64;

    private final CountingInput in;

    private GgufReader(InputStream stream) {
        this.in = new CountingInput(stream);
    }

    /** Reads the header of a file. */
    public static GgufHeader read(Path file) throws IOException {
        try (InputStream s = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(s);
        }
    }

    /** Reads a header from the start of a stream, leaving the stream after the header (before padding). */
    public static GgufHeader read(InputStream stream) throws IOException {
        return new GgufReader(stream).header();
    }

    private GgufHeader header() throws IOException {
        if (in.u32() != MAGIC) {
            throw new GgufException("not a GGUF file: the magic bytes are not \"GGUF\"");
        }
        int version = (int) in.u32();
        if (version != 2 && version != 3) {
            throw new GgufException("unsupported GGUF version " + version + " (2 and 3 are read)");
        }
        long tensorCount = bounded(in.u64(), "tensor count");
        long kvCount = bounded(in.u64(), "metadata count");
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string();
            metadata.put(key, value(GgufType.of((int) in.u32())));
        }
        int alignment = metadata.get("general.alignment") instanceof Number n ? n.intValue() : 32;
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new GgufException("general.alignment must be a power of two, got " + alignment);
        }
        List<long[]> raw = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<List<Long>> shapes = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            names.add(string());
            int dims = (int) in.u32();
            if (dims < 1 || dims > 8) {
                throw new GgufException("tensor " + names.get(names.size() - 1) + " has " + dims + " dimensions");
            }
            List<Long> shape = new ArrayList<>(dims);
            for (int d = 0; d < dims; d++) {
                shape.add(bounded(in.u64(), "dimension", Long.MAX_VALUE / 1024));
            }
            shapes.add(shape);
            raw.add(new long[] {in.u32(), in.u64()});
        }
        long dataOffset = align(in.position(), alignment);
        List<TensorInfo> tensors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int typeCode = (int) raw.get(i)[0];
            long offset = raw.get(i)[1];
            if (offset % alignment != 0) {
                throw new GgufException("tensor " + names.get(i) + " is not aligned to " + alignment + " bytes");
            }
            TensorType type = TensorType.ofCode(typeCode);
            long elements = shapes.get(i).stream().reduce(1L, (a, b) -> a * b);
            long bytes = type == null ? -1 : type.bytes(elements);
            tensors.add(new TensorInfo(names.get(i), shapes.get(i), typeCode, offset, dataOffset + offset, bytes));
        }
        return new GgufHeader(version, metadata, tensors, alignment, dataOffset);
    }

    /** Checks that every sized tensor lies inside a file of {@code fileSize} bytes and none overlap. */
    public static void verifyLayout(GgufHeader header, long fileSize) {
        long end = header.dataOffset();
        List<TensorInfo> byOffset = new ArrayList<>(header.tensors());
        byOffset.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        for (TensorInfo t : byOffset) {
            if (t.fileOffset() < end) {
                throw new GgufException("tensor " + t.name() + " overlaps the one before it");
            }
            if (t.bytes() >= 0) {
                end = t.fileOffset() + t.bytes();
                if (end > fileSize) {
                    throw new GgufException("tensor " + t.name() + " ends at byte " + end
                            + ", past the end of the file (" + fileSize + ")");
                }
            }
        }
    }

    private Object value(GgufType type) throws IOException {
        return switch (type) {
            case UINT8 -> in.u8();
            case INT8 -> (byte) in.u8();
            case UINT16 -> in.u16();
            case INT16 -> (short) in.u16();
            case UINT32 -> in.u32();
            case INT32 -> (int) in.u32();
            case FLOAT32 -> Float.intBitsToFloat((int) in.u32());
            case BOOL -> in.u8() != 0;
            case STRING -> string();
            case UINT64, INT64 -> in.u64();
            case FLOAT64 -> Double.longBitsToDouble(in.u64());
            case ARRAY -> array();
        };
    }

    private Object array() throws IOException {
        GgufType elementType = GgufType.of((int) in.u32());
        long length = bounded(in.u64(), "array length", MAX_ARRAY);
        List<Object> kept = new ArrayList<>((int) Math.min(length, KEEP_ARRAY));
        for (long i = 0; i < length; i++) {
            Object v = value(elementType);
            if (i < KEEP_ARRAY) {
                kept.add(v);
            }
        }
        return length <= KEEP_ARRAY
                ? kept
                : "array of " + length + " " + elementType.name().toLowerCase(java.util.Locale.ROOT);
    }

    private String string() throws IOException {
        long length = bounded(in.u64(), "string length", MAX_STRING);
        return new String(in.bytes((int) length), StandardCharsets.UTF_8);
    }

    private static long bounded(long value, String what) {
        return bounded(value, what, MAX_COUNT);
    }

    private static long bounded(long value, String what, long max) {
        if (value < 0 || value > max) {
            throw new GgufException(what + " " + Long.toUnsignedString(value) + " is out of bounds");
        }
        return value;
    }

    static long align(long position, int alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    /** Little-endian reads that count the bytes consumed. */
    private static final class CountingInput {
        private final DataInputStream in;
        private long position;

        CountingInput(InputStream stream) {
            this.in = new DataInputStream(stream);
        }

        long position() {
            return position;
        }

        int u8() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new GgufException("the file ends inside the header (at byte " + position + ")");
            }
            position++;
            return b;
        }

        int u16() throws IOException {
            return u8() | u8() << 8;
        }

        long u32() throws IOException {
            return (u8() | (long) u8() << 8 | (long) u8() << 16 | (long) u8() << 24) & 0xffffffffL;
        }

        long u64() throws IOException {
            return u32() | u32() << 32;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = new byte[n];
            try {
                in.readFully(b);
            } catch (EOFException e) {
                throw new GgufException("the file ends inside the header (at byte " + position + ")");
            }
            position += n;
            return b;
        }
    }
}
