package dev.otter.sdk.store;

import java.io.IOException;

/**
 * Named points inside the SDK's state changes where a test can stop the work, as a kill would:
 * the crash-safety test runs every operation once per point and checks what a restart finds.
 */
public interface Faults {
    /** No faults: what an app uses. */
    Faults NONE = point -> {};

    /** Called when the work reaches {@code point}; throwing stops it there. */
    void at(String point) throws IOException;
}
