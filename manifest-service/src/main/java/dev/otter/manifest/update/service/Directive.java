package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.update.api.Assignment;

/**
 * What release policy says about one device and family before the catalog's compatibility rules
 * apply: the newest version it may get ({@code ceiling}, null: the newest published) and the
 * rollout assignment that produced it (null: none). Compatibility then falls back from the ceiling
 * to the newest version the device can run.
 */
public record Directive(SemVer ceiling, Assignment assignment) {

    /** No policy: the newest published compatible version on the device's channel. */
    public static final Directive NEWEST = new Directive(null, null);
}
