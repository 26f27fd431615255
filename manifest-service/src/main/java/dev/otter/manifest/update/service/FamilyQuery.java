package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;

/**
 * A validated per-family question: what is installed (null on first install), the preferred tier
 * (null: best fit), and a version the device asks for by name (null: none; testers and support).
 */
public record FamilyQuery(
        String family, SemVer installedVersion, String installedSha256, String preferredTier, SemVer requestedVersion) {

    /** A question that asks for no version by name. */
    public FamilyQuery(String family, SemVer installedVersion, String installedSha256, String preferredTier) {
        this(family, installedVersion, installedSha256, preferredTier, null);
    }
}
