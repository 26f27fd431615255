package dev.otter.contract.rollout;

import java.time.Instant;

/**
 * A segment the guard took out of an active rollout because the breach was confined to it: its
 * devices leave the cohort, and those already on a variant are sent back to the baseline with
 * {@code reason}.
 */
public record ExcludedSegment(SegmentDimension dimension, String value, String reason, Instant excludedAt) {

    /** Whether a device in {@code region} falls in this segment (a region segment only). */
    public boolean contains(String region) {
        return dimension == SegmentDimension.REGION && region != null && value.equalsIgnoreCase(region);
    }

    /** Whether the device falls in this segment. */
    public boolean contains(DeviceAttributes d) {
        String has = dimension.of(
                d.region(),
                d.platform(),
                d.deviceClass(),
                d.osVersion() == null ? null : d.osVersion().toString());
        return has != null && has.equalsIgnoreCase(value);
    }
}
