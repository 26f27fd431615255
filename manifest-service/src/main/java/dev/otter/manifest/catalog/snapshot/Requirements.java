package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.version.SemVer;
import java.util.List;

/**
 * What a device needs to run an artifact. Null versions mean "no requirement"; an empty platform
 * list means every platform; the deny list holds device models (case-insensitive, a trailing
 * {@code *} matches a prefix).
 */
public record Requirements(
        SemVer minAppVersion,
        SemVer minRuntimeVersion,
        SemVer maxRuntimeVersion,
        int minRamMb,
        int minFreeStorageMb,
        String accelerator,
        List<PlatformRequirement> platforms,
        List<String> deviceModelDeny) {

    public Requirements {
        platforms = List.copyOf(platforms);
        deviceModelDeny = List.copyOf(deviceModelDeny);
    }
}
