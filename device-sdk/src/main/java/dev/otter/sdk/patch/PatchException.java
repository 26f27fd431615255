package dev.otter.sdk.patch;

import java.io.IOException;

/** A patch that cannot be made or applied: not a patch, the wrong base, or a result that does not verify. */
public class PatchException extends IOException {
    /** Why, in a word a caller can switch on. */
    public enum Reason {
        MALFORMED,
        WRONG_BASE,
        PATCH_CHECKSUM,
        RESULT_MISMATCH,
        NOT_GGUF
    }

    private final Reason reason;

    public PatchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
