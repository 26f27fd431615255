package dev.otter.manifest.update.api;

/**
 * The seed-001 hot-update request {@code {"device_id": "...", "current_version": "v1.2"}}, with
 * optional family, channel and tier for catalogs holding more than the one model old clients know.
 */
// Devices with newer SDKs send fields this version does not know; they are ignored, not refused.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record LegacyUpdateRequest(String deviceId, String currentVersion, String family, String channel, String tier) {}
