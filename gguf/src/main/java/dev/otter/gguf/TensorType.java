package dev.otter.gguf;

/**
 * The ggml tensor types a synthetic file uses, with the bytes one block of {@code blockSize}
 * elements takes (block-quantised types store a scale per block).
 */
public enum TensorType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q8_0(8, 32, 34);

    private final int code;
    private final int blockSize;
    private final int bytesPerBlock;

    TensorType(int code, int blockSize, int bytesPerBlock) {
        this.code = code;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    public int code() {
        return code;
    }

    /** Bytes of a tensor of {@code elements} elements (a multiple of the block size). */
    public long bytes(long elements) {
        if (elements % blockSize != 0) {
            throw new GgufException(name() + " tensors need a multiple of " + blockSize + " elements");
        }
        return elements / blockSize * bytesPerBlock;
    }

    /** The type of a code, or null for one this library does not size (the header still parses). */
    public static TensorType ofCode(int code) {
        for (TensorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
