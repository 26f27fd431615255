package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.version.SemVer;
import java.util.Locale;

/** A platform an artifact runs on, with the oldest OS version it supports (null: any). */
public record PlatformRequirement(String platform, SemVer minOsVersion) {

    public PlatformRequirement {
        platform = platform.toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form {@code android} or {@code android>=12}. */
    public static PlatformRequirement decode(String stored) {
        int at = stored.indexOf(">=");
        return at < 0
                ? new PlatformRequirement(stored, null)
                : new PlatformRequirement(stored.substring(0, at), SemVer.parseLenient(stored.substring(at + 2)));
    }

    /** The stored form, inverse of {@link #decode}. */
    public String encode() {
        return minOsVersion == null ? platform : platform + ">=" + minOsVersion;
    }
}
