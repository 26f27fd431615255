package dev.otter.manifest.update.api;

/** What a device should do about one model family. */
public enum Action {
    /** Download {@code version} (the artifact given) and switch to it at the next session. */
    UPDATE,
    /** Keep what is installed. */
    NO_UPDATE,
    /** Go back to {@code version}, an older one, for the reason given. */
    ROLLBACK,
    /** Remove the installed model: it reached end of service and nothing compatible replaces it. */
    UNINSTALL,
    /** Nothing the device can run: {@code missing} lists what it lacks. */
    INCOMPATIBLE
}
