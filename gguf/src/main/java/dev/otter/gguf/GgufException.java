package dev.otter.gguf;

/** The bytes are not a valid GGUF file; the message says where and why. */
public class GgufException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GgufException(String message) {
        super(message);
    }
}
