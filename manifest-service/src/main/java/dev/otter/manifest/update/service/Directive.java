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
 * watched, the long check interval applies).
 */
public record Directive(SemVer ceiling, Assignment assignment, Map<SemVer, String> leave, int watchSeconds) {

    /** No policy: the newest published compatible version on the device's channel. */
    public static final Directive NEWEST = new Directive(null, null, Map.of(), 0);

    public Directive {
        leave = leave == null ? Map.of() : Map.copyOf(leave);
    }

    /** A directive for a device no rollout watches. */
    public Directive(SemVer ceiling, Assignment assignment, Map<SemVer, String> leave) {
        this(ceiling, assignment, leave, 0);
    }
}
