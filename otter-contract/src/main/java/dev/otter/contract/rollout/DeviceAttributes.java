package dev.otter.contract.rollout;

import dev.otter.contract.version.SemVer;

/**
 * What cohort rules and excluded segments look at. Null means "not told" (legacy clients send only
 * an id); a rule that needs an unknown attribute does not match.
 */
public record DeviceAttributes(
        String installId,
        String region,
        SemVer appVersion,
        SemVer runtimeVersion,
        String platform,
        SemVer osVersion,
        String deviceModel,
        Integer ramMb,
        String deviceClass) {

    /** A device that does not say its class. */
    public DeviceAttributes(
            String installId,
            String region,
            SemVer appVersion,
            SemVer runtimeVersion,
            String platform,
            SemVer osVersion,
            String deviceModel,
            Integer ramMb) {
        this(installId, region, appVersion, runtimeVersion, platform, osVersion, deviceModel, ramMb, null);
    }
}
