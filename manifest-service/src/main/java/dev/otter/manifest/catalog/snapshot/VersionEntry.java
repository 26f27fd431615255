package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.Channel;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.VersionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A device-visible version (never a draft) with its artifacts in the order they were added, the
 * engine range that loads it, the interface it implements and its adapters (all nullable/empty).
 */
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
        List<ArtifactEntry> artifacts,
        EngineRange engine,
        String modelInterface,
        List<ArtifactEntry> adapters) {

    /** A version that names no engine, no interface and has no adapters. */
    public VersionEntry(
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
        this(
                version,
                status,
                channel,
                releaseNotes,
                changeSummary,
                urgent,
                urgentReason,
                statusReason,
                publishedAt,
                publishedBy,
                artifacts,
                null,
                null,
                List.of());
    }

    public VersionEntry {
        artifacts = List.copyOf(artifacts);
        adapters = adapters == null ? List.of() : List.copyOf(adapters);
    }

    /** The adapter that lets an app on one of {@code interfaces} use this version, if one is attached. */
    public Optional<ArtifactEntry> adapterFor(java.util.Collection<String> interfaces) {
        for (ArtifactEntry a : adapters) {
            if (interfaces.contains(a.adaptsInterface())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether engine {@code engineVersion} of {@code engineFamily} loads this version (true when it names no such engine). */
    public boolean loadsOn(String engineFamily, SemVer engineVersion) {
        return engine == null || !engine.family().equals(engineFamily) || engine.contains(engineVersion);
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
