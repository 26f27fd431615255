package dev.otter.support.error;

/**
 * A stable, documented error code: clients switch on {@link #name()}, which never changes once
 * released. Each service lists its codes in an enum implementing this interface.
 */
public interface ErrorCode {
    /** The code itself, e.g. {@code VERSION_ALREADY_EXISTS}. Enums supply it. */
    String name();

    /** The HTTP status the code is answered with. */
    int status();

    /** A short human title, the same for every occurrence of the code. */
    String title();
}
