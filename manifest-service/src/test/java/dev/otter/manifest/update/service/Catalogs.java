package dev.otter.manifest.update.service;

import dev.otter.contract.Channel;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.snapshot.ArtifactEntry;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.PlatformRequirement;
import dev.otter.manifest.catalog.snapshot.Requirements;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds in-memory catalogs and devices for decider tests. */
final class Catalogs {
    static final String SHA_A = "a".repeat(64);

    private Catalogs() {}

    static SemVer v(String text) {
        return SemVer.parse(text);
    }

    static Requirements needs(int ramMb) {
        return new Requirements(null, null, null, ramMb, 0, null, List.of(), List.of());
    }

    static Requirements needs(
            String minApp,
            String minRuntime,
            String maxRuntime,
            int ramMb,
            String accelerator,
            List<String> platforms,
            List<String> deny) {
        return new Requirements(
                minApp == null ? null : v(minApp),
                minRuntime == null ? null : v(minRuntime),
                maxRuntime == null ? null : v(maxRuntime),
                ramMb,
                0,
                accelerator,
                platforms.stream().map(PlatformRequirement::decode).toList(),
                deny);
    }

    static ArtifactEntry artifact(String tier, String version, long size, Requirements requirements) {
        String sha = Integer.toHexString((tier + version).hashCode());
        sha = (sha + "0".repeat(64)).substring(0, 64);
        return new ArtifactEntry(
                tier,
                List.of(
                        "https://cdn.example.com/" + version + "/" + tier + ".gguf",
                        "https://mirror.example.com/" + tier),
                size,
                sha,
                "gguf",
                "q4_k_m",
                null,
                requirements,
                List.of());
    }

    /** A version with a 1b tier (2 GB RAM) and a 3b tier (6 GB RAM), the 3b one large. */
    static VersionEntry version(String version, VersionStatus status, Channel channel) {
        return new VersionEntry(
                v(version),
                status,
                channel,
                "notes " + version,
                "summary " + version,
                false,
                null,
                status == VersionStatus.RETIRED ? "security issue" : null,
                Instant.parse("2026-01-01T00:00:00Z"),
                "alice",
                List.of(
                        artifact("1b", version, 612_000_000L, needs(2048)),
                        artifact("3b", version, 1_740_000_000L, needs(6144))));
    }

    static VersionEntry published(String version) {
        return version(version, VersionStatus.PUBLISHED, Channel.STABLE);
    }

    static VersionEntry withArtifacts(VersionEntry base, ArtifactEntry... artifacts) {
        return new VersionEntry(
                base.version(),
                base.status(),
                base.channel(),
                base.releaseNotes(),
                base.changeSummary(),
                base.urgent(),
                base.urgentReason(),
                base.statusReason(),
                base.publishedAt(),
                base.publishedBy(),
                List.of(artifacts));
    }

    static FamilyCatalog family(VersionEntry... versions) {
        return new FamilyCatalog("assistant", new ArrayList<>(List.of(versions)));
    }

    static DeviceProfile device(int ramMb) {
        return device(ramMb, Channel.STABLE);
    }

    static DeviceProfile device(int ramMb, Channel channel) {
        return new DeviceProfile(
                "install-0001",
                v("3.2.0"),
                v("1.4.0"),
                "android",
                v("14.0.0"),
                "Pixel 8",
                ramMb,
                50_000,
                "none",
                "DE",
                channel);
    }
}
