package dev.otter.manifest.update.api;

import java.util.List;

/**
 * What a device sends to {@code POST /v1/update-check}. Fields arrive as sent and are validated
 * into a {@code DeviceProfile}, so that every problem is reported with its field.
 *
 * @param installId random per installation, never a hardware identifier (8-128 of [A-Za-z0-9_-])
 * @param region ISO 3166-1 alpha-2 code, e.g. {@code DE}
 * @param channel {@code stable}, {@code beta} or {@code internal}
 * @param models one entry per model family the app uses
 * @param deviceClass the class the app reports in its telemetry too (e.g. {@code phone}), optional:
 *     lets a rollout exclude a device class the guard found failing
 * @param abi the platform/ABI the device runs engines built for, e.g. {@code android-arm64}
 *     (optional: needed to be offered an engine)
 * @param interfaces the model interfaces the app can use, e.g. {@code ["chat@1"]} (optional: when
 *     absent, no model is refused for its interface)
 */
// Devices with newer SDKs send fields this version does not know; they are ignored, not refused.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateCheckRequest(
        String installId,
        String appVersion,
        String runtimeVersion,
        String platform,
        String osVersion,
        String deviceModel,
        Integer ramMb,
        Integer freeStorageMb,
        String accelerator,
        String region,
        String channel,
        List<ModelQuery> models,
        String deviceClass,
        String abi,
        List<String> interfaces) {

    /** A request that says neither the ABI nor the app's interfaces. */
    public UpdateCheckRequest(
            String installId,
            String appVersion,
            String runtimeVersion,
            String platform,
            String osVersion,
            String deviceModel,
            Integer ramMb,
            Integer freeStorageMb,
            String accelerator,
            String region,
            String channel,
            List<ModelQuery> models,
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
                models,
                deviceClass,
                null,
                null);
    }

    /** A request that does not say the device class. */
    public UpdateCheckRequest(
            String installId,
            String appVersion,
            String runtimeVersion,
            String platform,
            String osVersion,
            String deviceModel,
            Integer ramMb,
            Integer freeStorageMb,
            String accelerator,
            String region,
            String channel,
            List<ModelQuery> models) {
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
                models,
                null);
    }

    /**
     * One family the device uses: what it has installed (version and file sha256, both absent on a
     * first install) and which tier it prefers (absent: the most capable tier that fits).
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelQuery(
            String family,
            String installedVersion,
            String installedSha256,
            String preferredTier,
            String requestedVersion) {

        /** A query that asks for no version by name. */
        public ModelQuery(String family, String installedVersion, String installedSha256, String preferredTier) {
            this(family, installedVersion, installedSha256, preferredTier, null);
        }
    }
}
