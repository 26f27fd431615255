package dev.otter.manifest.catalog;

import dev.otter.support.error.ErrorCode;

/** Stable error codes of the catalog and device APIs. */
public enum CatalogError implements ErrorCode {
    /** No family with this name. */
    FAMILY_NOT_FOUND(404, "Family not found"),
    /** A family with this name exists already. */
    FAMILY_EXISTS(409, "Family exists"),
    /** Not a semantic version MAJOR.MINOR.PATCH[-PRERELEASE], or it carries build metadata. */
    INVALID_VERSION(400, "Invalid version"),
    /** No such version in the family. */
    VERSION_NOT_FOUND(404, "Version not found"),
    /** The family has this version already (versions are unique and never reused). */
    VERSION_EXISTS(409, "Version exists"),
    /** The version is published (or later) and can no longer change. */
    VERSION_IMMUTABLE(409, "Version is immutable"),
    /** The lifecycle does not allow this transition from the version's status. */
    ILLEGAL_TRANSITION(409, "Illegal lifecycle transition"),
    /** A version needs at least one artifact before it can be published. */
    NO_ARTIFACT(409, "Version has no artifact"),
    /** The version has an artifact for this tier already. */
    ARTIFACT_EXISTS(409, "Artifact exists"),
    /** The legacy API was called without a family and the catalog holds several. */
    FAMILY_REQUIRED(400, "Family required"),
    /** The family has no published version on the channel. */
    NOTHING_PUBLISHED(404, "Nothing published"),
    /**
     * What was asked does not fit the family's kind or the engine named: an engine version that names
     * an engine or an interface, a model version naming a family that is not an engine, an engine
     * artifact not named by its platform/ABI, an adapter for a version without an interface.
     */
    KIND_MISMATCH(400, "Does not fit the family's kind");

    private final int status;
    private final String title;

    CatalogError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
