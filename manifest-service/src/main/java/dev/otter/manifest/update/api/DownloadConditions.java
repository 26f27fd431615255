package dev.otter.manifest.update.api;

/**
 * When the device may download: on Wi-Fi only above a size, with enough free storage (it keeps the
 * previous model for a local rollback, so the new file must fit beside it). {@code
 * user_confirmation_required} is always true: the user is told what the update contains and its
 * size, and chooses — even urgent updates are only announced with their reason.
 */
public record DownloadConditions(
        boolean wifiOnly, long freeStorageNeededMb, boolean enoughStorage, boolean userConfirmationRequired) {}
