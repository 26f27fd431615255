package dev.otter.manifest.update.service;

import dev.otter.contract.Channel;
import dev.otter.contract.version.SemVer;
import java.util.Set;

/**
 * A validated device description. Null fields are unknown (legacy clients send almost nothing) and
 * are not checked against requirements; a device without an accelerator says {@link #NO_ACCELERATOR}.
 * {@code abi} picks an engine's artifact (e.g. {@code android-arm64}); {@code interfaces} are the
 * model interfaces the app can use (e.g. {@code chat@1}; null: not told, not checked).
 */
public record DeviceProfile(
        String installId,
        SemVer appVersion,
        SemVer runtimeVersion,
        String platform,
        SemVer osVersion,
        String deviceModel,
        Integer ramMb,
        Integer freeStorageMb,
        String accelerator,
        String region,
        Channel channel,
        String deviceClass,
        String abi,
        Set<String> interfaces) {

    public DeviceProfile {
        interfaces = interfaces == null ? null : Set.copyOf(interfaces);
    }

    /** A device that says neither its ABI nor its app's interfaces. */
    public DeviceProfile(
            String installId,
            SemVer appVersion,
            SemVer runtimeVersion,
            String platform,
            SemVer osVersion,
            String deviceModel,
            Integer ramMb,
            Integer freeStorageMb,
            String accelerator,
            String region,
            Channel channel,
            String deviceClass) {
        this(
                installId,
                appVersion,
                runtimeVersion,
                platform,
                osVersion,
                deviceModel,
                ramMb,
                freeStorageMb,
                accelerator,
                region,
                channel,
                deviceClass,
                null,
                null);
    }

    /** A device that does not say its class. */
    public DeviceProfile(
            String installId,
            SemVer appVersion,
            SemVer runtimeVersion,
            String platform,
            SemVer osVersion,
            String deviceModel,
            Integer ramMb,
            Integer freeStorageMb,
            String accelerator,
            String region,
            Channel channel) {
        this(
                installId,
                appVersion,
                runtimeVersion,
                platform,
                osVersion,
                deviceModel,
                ramMb,
                freeStorageMb,
                accelerator,
                region,
                channel,
                null);
    }

    /** The accelerator of a device that has none (as opposed to null: not told). */
    public static final String NO_ACCELERATOR = "none";

    /** What a legacy client tells about itself: an id and a channel. */
    public static DeviceProfile legacy(String installId, Channel channel) {
        return new DeviceProfile(installId, null, null, null, null, null, null, null, null, null, channel);
    }
}
