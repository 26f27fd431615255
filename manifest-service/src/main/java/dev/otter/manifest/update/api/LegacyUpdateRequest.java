package dev.otter.manifest.update.api;

/**
 * The seed-001 hot-update request {@code {"device_id": "...", "current_version": "v1.2"}}, with
 * optional family, channel and tier for catalogs holding more than the one model old clients know,
 * and optional region, app version and platform so that cohort rules (a region-limited rollout, a
 * minimum app version) reach seed-001 clients that tell them.
 */
// Devices with newer SDKs send fields this version does not know; they are ignored, not refused.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record LegacyUpdateRequest(
        String deviceId,
        String currentVersion,
        String family,
        String channel,
        String tier,
        String region,
        String appVersion,
        String platform) {

    /** A request as seed 001 writes it, naming at most family, channel and tier. */
    public LegacyUpdateRequest(String deviceId, String currentVersion, String family, String channel, String tier) {
        this(deviceId, currentVersion, family, channel, tier, null, null, null);
    }

    /** The same request for the family named in the path. */
    public LegacyUpdateRequest withFamily(String pathFamily) {
        return new LegacyUpdateRequest(
                deviceId, currentVersion, pathFamily, channel, tier, region, appVersion, platform);
    }
}
