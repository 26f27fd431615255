package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.update.api.Assignment;
import java.util.Map;

/**
 * What release policy says about one device and family before the catalog's compatibility rules
 * apply: the newest version it may get ({@code ceiling}, null: the newest published), the rollout
 * assignment that produced it (null: none), and the versions it must leave because their rollout
 * was rolled back (version → why). Compatibility then falls back from the ceiling to the newest
 * version the device can run, never to a version it must leave.
 */
public record Directive(SemVer ceiling, Assignment assignment, Map<SemVer, String> leave) {

    /** No policy: the newest published compatible version on the device's channel. */
    public static final Directive NEWEST = new Directive(null, null, Map.of());

    public Directive {
        leave = leave == null ? Map.of() : Map.copyOf(leave);
    }
}
