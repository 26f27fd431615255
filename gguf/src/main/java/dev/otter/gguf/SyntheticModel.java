package dev.otter.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes synthetic GGUF v3 models: a real header (architecture, name, file type, a few llama keys,
 * alignment) and tensors whose bytes are pseudo-random from a per-tensor seed, so two versions can
 * share some tensors byte for byte and differ in others. Written streaming: size is not bounded by
 * memory.
 */
public final class SyntheticModel {
    /** One tensor: its name, shape, type, and the seed of its bytes (same seed, same bytes). */
    public record Tensor(String name, List<Long> dimensions, TensorType type, long seed) {}

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    /** A model with the usual general.* keys; {@code fileType} 2 is Q4_0, 7 is Q8_0. */
    public SyntheticModel(String architecture, String name, int fileType) {
        metadata.put("general.architecture", architecture);
        metadata.put("general.name", name);
        metadata.put("general.file_type", fileType);
        metadata.put("general.quantization_version", 2);
        metadata.put("general.alignment", 32);
    }

    public SyntheticModel meta(String key, Object value) {
        metadata.put(key, value);
        return this;
    }

    public SyntheticModel tensor(String name, TensorType type, long seed, long... dimensions) {
        List<Long> dims = new ArrayList<>();
        for (long d : dimensions) {
            dims.add(d);
        }
        tensors.add(new Tensor(name, dims, type, seed));
        return this;
    }

    public List<Tensor> tensors() {
        return List.copyOf(tensors);
    }

    /**
     * A small llama-shaped model of {@code layers} blocks with {@code width}-wide Q4_0 weights; the
     * seeds of layers listed in {@code changedLayers} are varied by {@code generation}, so that a
     * second generation differs from the first in exactly those layers.
     */
    public static SyntheticModel llama(
            String name, int layers, int width, long generation, java.util.Set<Integer> changedLayers) {
        SyntheticModel m = new SyntheticModel("llama", name, 2)
                .meta("llama.context_length", 2048)
                .meta("llama.embedding_length", width)
                .meta("llama.block_count", layers);
        m.tensor("token_embd.weight", TensorType.Q4_0, 1, width, 256);
        for (int l = 0; l < layers; l++) {
            long seed = 1000L * (l + 1) + (changedLayers.contains(l) ? generation : 0);
            m.tensor("blk." + l + ".attn_q.weight", TensorType.Q4_0, seed + 1, width, width);
            m.tensor("blk." + l + ".ffn_up.weight", TensorType.Q4_0, seed + 2, width, width * 2L);
            m.tensor("blk." + l + ".attn_norm.weight", TensorType.F32, seed + 3, width);
        }
        m.tensor("output_norm.weight", TensorType.F32, 2, width);
        return m;
    }

    /** Writes the model to a file and returns its size. */
    public long write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(out);
        }
    }

    /** Writes the model and returns the number of bytes written. */
    public long write(OutputStream out) throws IOException {
        int alignment = (Integer) metadata.get("general.alignment");
        Le le = new Le(out);
        le.u32(0x46554747);
        le.u32(3);
        le.u64(tensors.size());
        le.u64(metadata.size());
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            le.string(e.getKey());
            writeValue(le, e.getValue());
        }
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            le.string(t.name());
            le.u32(t.dimensions().size());
            for (long d : t.dimensions()) {
                le.u64(d);
            }
            le.u32(t.type().code());
            offset = GgufReader.align(offset, alignment);
            offsets.add(offset);
            le.u64(offset);
            offset += t.type().bytes(elements(t));
        }
        le.pad(GgufReader.align(le.written, alignment) - le.written);
        long dataStart = le.written;
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            le.pad(dataStart + offsets.get(i) - le.written);
            long remaining = t.type().bytes(elements(t));
            Random random = new Random(t.seed() * 31 + t.name().hashCode());
            while (remaining > 0) {
                int n = (int) Math.min(buffer.length, remaining);
                random.nextBytes(buffer);
                le.bytes(buffer, n);
                remaining -= n;
            }
        }
        return le.written;
    }

    private static long elements(Tensor t) {
        long n = 1;
        for (long d : t.dimensions()) {
            n *= d;
        }
        return n;
    }

    private static void writeValue(Le le, Object value) throws IOException {
        if (value instanceof String s) {
            le.u32(GgufType.STRING.code());
            le.string(s);
        } else if (value instanceof Integer i) {
            le.u32(GgufType.UINT32.code());
            le.u32(i);
        } else if (value instanceof Long l) {
            le.u32(GgufType.UINT64.code());
            le.u64(l);
        } else if (value instanceof Float f) {
            le.u32(GgufType.FLOAT32.code());
            le.u32(Float.floatToIntBits(f));
        } else if (value instanceof Boolean b) {
            le.u32(GgufType.BOOL.code());
            le.out.write(b ? 1 : 0);
            le.written++;
        } else {
            throw new IllegalArgumentException("unsupported metadata value " + value);
        }
    }

    /** Little-endian writes that count the bytes written. */
    private static final class Le {
        private final OutputStream out;
        private long written;

        Le(OutputStream out) {
            this.out = out;
        }

        void u32(long v) throws IOException {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
            written += 4;
        }

        void u64(long v) throws IOException {
            u32(v & 0xffffffffL);
            u32(v >>> 32);
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            out.write(b);
            written += b.length;
        }

        void bytes(byte[] b, int n) throws IOException {
            out.write(b, 0, n);
            written += n;
        }

        void pad(long n) throws IOException {
            for (long i = 0; i < n; i++) {
                out.write(0);
            }
            written += n;
        }
    }
}
