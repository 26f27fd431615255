package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.Channel;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.VersionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A device-visible version (never a draft) with its artifacts in the order they were added. */
public record VersionEntry(
        SemVer version,
        VersionStatus status,
        Channel channel,
        String releaseNotes,
        String changeSummary,
        boolean urgent,
        String urgentReason,
        String statusReason,
        Instant publishedAt,
        String publishedBy,
        List<ArtifactEntry> artifacts) {

    public VersionEntry {
        artifacts = List.copyOf(artifacts);
    }

    /** The artifact of a tier, if the version has one. */
    public Optional<ArtifactEntry> artifact(String tier) {
        for (ArtifactEntry a : artifacts) {
            if (a.tier().equals(tier)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether the artifact with this sha256 belongs to the version (any tier). */
    public Optional<ArtifactEntry> artifactWithSha256(String sha256) {
        for (ArtifactEntry a : artifacts) {
            if (a.sha256().equalsIgnoreCase(sha256)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public boolean isPublished() {
        return status == VersionStatus.PUBLISHED;
    }
}
