package dev.otter.sdk;

import java.io.IOException;

/** Otter answered with an error: the status and its problem document. */
public final class OtterException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public OtterException(int status, String problem) {
        super("Otter answered " + status + ": " + problem);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
