package dev.otter.contract.version;

/** A string that is not a version; the message says why, in words fit for an API answer. */
public class InvalidVersionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidVersionException(String message) {
        super(message);
    }
}
