package dev.otter.gguf;

import java.util.List;

/**
 * One tensor of a GGUF file: name, shape, ggml type code, and where its data starts, relative to
 * the data section ({@code offset}) and in the file ({@code fileOffset}); {@code bytes} is -1 for
 * a type this library does not size.
 */
public record TensorInfo(String name, List<Long> dimensions, int typeCode, long offset, long fileOffset, long bytes) {

    public TensorInfo {
        dimensions = List.copyOf(dimensions);
    }

    public long elements() {
        long n = 1;
        for (long d : dimensions) {
            n *= d;
        }
        return n;
    }
}
