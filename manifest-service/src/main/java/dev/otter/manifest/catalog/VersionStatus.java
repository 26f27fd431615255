package dev.otter.manifest.catalog;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a model version. Transitions (anything else is {@code ILLEGAL_TRANSITION}, 409):
 *
 * <pre>
 * DRAFT      → PUBLISHED              publish: needs at least one artifact; the version becomes immutable
 * PUBLISHED  → DEPRECATED | RETIRED   deprecate: no new installs; retire: end of service
 * DEPRECATED → RETIRED
 * RETIRED    → (none)
 * </pre>
 *
 * <p>What devices see: only PUBLISHED versions are offered. A device on a DEPRECATED version keeps
 * it until something newer fits. A device on a RETIRED version is moved to the newest compatible
 * version, or told to UNINSTALL when none fits.
 */
public enum VersionStatus {
    DRAFT,
    PUBLISHED,
    DEPRECATED,
    RETIRED;

    /** The statuses this one may move to. */
    public Set<VersionStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PUBLISHED);
            case PUBLISHED -> EnumSet.of(DEPRECATED, RETIRED);
            case DEPRECATED -> EnumSet.of(RETIRED);
            case RETIRED -> EnumSet.noneOf(VersionStatus.class);
        };
    }

    public boolean canMoveTo(VersionStatus target) {
        return next().contains(target);
    }

    /** Whether artifacts and notes may still change. */
    public boolean isEditable() {
        return this == DRAFT;
    }
}
