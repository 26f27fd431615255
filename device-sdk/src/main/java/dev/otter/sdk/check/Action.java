package dev.otter.sdk.check;

/** What an update-check decision tells the device to do with one model family. */
public enum Action {
    /** Download {@code artifact} (or its patch) and switch to it at the next session. */
    UPDATE,
    /** Keep what it has. */
    NO_UPDATE,
    /** Go back to the older {@code version} (only a signed ROLLBACK may move a model backwards). */
    ROLLBACK,
    /** Remove the model: end of service, nothing compatible replaces it. */
    UNINSTALL,
    /** Nothing fits the device; {@code missing} says what it lacks. */
    INCOMPATIBLE,
    /** An action this SDK does not know (a newer server): treated as NO_UPDATE. */
    UNKNOWN;

    static Action of(String wire) {
        for (Action a : values()) {
            if (a.name().equals(wire)) {
                return a;
            }
        }
        return UNKNOWN;
    }
}
