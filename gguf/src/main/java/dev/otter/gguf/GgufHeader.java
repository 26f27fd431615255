package dev.otter.gguf;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a GGUF file declares before its tensor data: format version, metadata, tensors, the
 * alignment and where the data section starts.
 */
public record GgufHeader(
        int version, Map<String, Object> metadata, List<TensorInfo> tensors, int alignment, long dataOffset) {

    public GgufHeader {
        metadata = Map.copyOf(metadata);
        tensors = List.copyOf(tensors);
    }

    /** {@code general.architecture}, e.g. {@code llama}. */
    public Optional<String> architecture() {
        return string("general.architecture");
    }

    /** {@code general.name}. */
    public Optional<String> name() {
        return string("general.name");
    }

    /**
     * The quantization, as the file type name llama.cpp gives {@code general.file_type}
     * (e.g. {@code Q4_0}), when declared.
     */
    public Optional<String> quantization() {
        Object type = metadata.get("general.file_type");
        if (!(type instanceof Number n)) {
            return Optional.empty();
        }
        return Optional.of(
                switch (n.intValue()) {
                    case 0 -> "F32";
                    case 1 -> "F16";
                    case 2 -> "Q4_0";
                    case 3 -> "Q4_1";
                    case 7 -> "Q8_0";
                    case 8 -> "Q5_0";
                    case 9 -> "Q5_1";
                    case 10 -> "Q2_K";
                    case 12 -> "Q3_K_M";
                    case 15 -> "Q4_K_M";
                    case 17 -> "Q5_K_M";
                    case 18 -> "Q6_K";
                    default -> "file_type_" + n.intValue();
                });
    }

    private Optional<String> string(String key) {
        return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
