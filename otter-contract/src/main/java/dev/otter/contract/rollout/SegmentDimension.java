package dev.otter.contract.rollout;

import java.util.Locale;

/**
 * A way of cutting a rollout's devices into segments that the guard judges one by one and a rollout
 * can exclude: each is both counted per rollout by telemetry (from the event's fields) and known
 * to the update-check (from the device's), so that an excluded segment's devices can be told apart.
 */
public enum SegmentDimension {
    /** The device's region, upper case, e.g. {@code BR}. */
    REGION,
    /** The device's platform, lower case, e.g. {@code ios}. */
    PLATFORM,
    /** The device class the app reports, lower case, e.g. {@code wearable}. */
    DEVICE_CLASS,
    /**
     * An OS range: a platform and the major version of its OS, e.g. {@code android 12} (every
     * 12.x), the unit an OS regression usually comes in.
     */
    OS_MAJOR;

    /** This dimension's value for a device, normalised; null when the device did not say. */
    public String of(String region, String platform, String deviceClass, String osVersion) {
        return switch (this) {
            case REGION -> region == null ? null : region.toUpperCase(Locale.ROOT);
            case PLATFORM -> platform == null ? null : platform.toLowerCase(Locale.ROOT);
            case DEVICE_CLASS -> deviceClass == null ? null : deviceClass.toLowerCase(Locale.ROOT);
            case OS_MAJOR -> osMajor(platform, osVersion);
        };
    }

    /** A value as this dimension writes it (regions upper case, the rest lower case). */
    public String normalise(String value) {
        return this == REGION ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
    }

    // "android 12" from android and 12.1.0 (or "12"); null without both or with no leading number.
    private static String osMajor(String platform, String osVersion) {
        if (platform == null || osVersion == null) {
            return null;
        }
        String v = osVersion.strip();
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return null;
        }
        return platform.toLowerCase(Locale.ROOT) + " " + Integer.parseInt(v.substring(0, Math.min(end, 9)));
    }
}
