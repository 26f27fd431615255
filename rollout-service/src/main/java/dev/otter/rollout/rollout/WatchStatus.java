package dev.otter.rollout.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a release watch. Transitions:
 *
 * <pre>
 * WATCHING → PASSED       its period ended without a breach
 * WATCHING → REVERTED     the guard found it worse: the channel default went back to the previous version
 * WATCHING → SUPERSEDED   the channel default changed again (a newer watch, or none, takes over)
 * PASSED, REVERTED, SUPERSEDED → (none)  final
 * </pre>
 */
public enum WatchStatus {
    WATCHING,
    PASSED,
    REVERTED,
    SUPERSEDED;

    /** The statuses this one may move to. */
    public Set<WatchStatus> next() {
        return this == WATCHING ? EnumSet.of(PASSED, REVERTED, SUPERSEDED) : EnumSet.noneOf(WatchStatus.class);
    }

    public boolean canMoveTo(WatchStatus target) {
        return next().contains(target);
    }
}
