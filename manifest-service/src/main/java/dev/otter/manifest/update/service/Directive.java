package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.update.api.Assignment;
import java.util.Map;

/**
 * What release policy says about one device and family before the catalog's compatibility rules
 * apply: the newest version it may get ({@code ceiling}, null: the newest published), the rollout
 * assignment that produced it (null: none), and the versions it must leave because their rollout
 * was rolled back (version → why). Compatibility then falls back from the ceiling to the newest
 * version the device can run, never to a version it must leave. {@code watchSeconds} is the active
 * rollout's watch interval when the device is in its cohort or runs one of its variants (0: not
 * watched, the long check interval applies). {@code mayRequest}: the device may ask for a version
 * by name (it is a tester of the family's rollout, or on the internal channel).
 */
public record Directive(
        SemVer ceiling, Assignment assignment, Map<SemVer, String> leave, int watchSeconds, boolean mayRequest) {

    /** No policy: the newest published compatible version on the device's channel. */
    public static final Directive NEWEST = new Directive(null, null, Map.of(), 0);

    public Directive {
        leave = leave == null ? Map.of() : Map.copyOf(leave);
    }

    /** A directive that lets no version be asked for by name (the policy decides that per device). */
    public Directive(SemVer ceiling, Assignment assignment, Map<SemVer, String> leave, int watchSeconds) {
        this(ceiling, assignment, leave, watchSeconds, false);
    }

    /** The same directive, letting the device ask for a version by name or not. */
    public Directive mayRequest(boolean allowed) {
        return new Directive(ceiling, assignment, leave, watchSeconds, allowed);
    }

    /** A directive for a device no rollout watches. */
    public Directive(SemVer ceiling, Assignment assignment, Map<SemVer, String> leave) {
        this(ceiling, assignment, leave, 0);
    }
}
