package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;

/** A validated per-family question: what is installed (null on first install) and the preferred tier (null: best fit). */
public record FamilyQuery(String family, SemVer installedVersion, String installedSha256, String preferredTier) {}
