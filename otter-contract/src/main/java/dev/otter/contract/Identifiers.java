package dev.otter.contract;

import java.util.regex.Pattern;

/**
 * The one definition of every identifier's shape, for every service and client: the regular
 * expression (a compile-time constant, so bean-validation annotations can use it), the message
 * that explains it, and a compiled pattern for code that checks by hand.
 */
public final class Identifiers {
    /** Model family names: {@code assistant}, {@code vision-small}. Also application ids. */
    public static final String FAMILY = "^[a-z][a-z0-9-]{1,63}$";

    public static final String FAMILY_MESSAGE =
            "must be 2-64 lower-case letters, digits or dashes, starting with a letter";

    public static final Pattern FAMILY_PATTERN = Pattern.compile(FAMILY);

    /** Platforms: {@code android}, {@code ios}, {@code linux}. */
    public static final String PLATFORM = "^[a-z][a-z0-9-]{1,31}$";

    public static final String PLATFORM_MESSAGE = "must be lower-case, e.g. android or ios";

    public static final Pattern PLATFORM_PATTERN = Pattern.compile(PLATFORM);

    /** Device classes such as {@code phone}, {@code wearable} or {@code car-head-unit} (lower case). */
    public static final String DEVICE_CLASS = "^[a-z0-9][a-z0-9._-]{0,63}$";

    public static final String DEVICE_CLASS_MESSAGE =
            "must be 1-64 letters, digits, dots, dashes or underscores, e.g. phone or wearable";

    public static final Pattern DEVICE_CLASS_PATTERN = Pattern.compile(DEVICE_CLASS);

    /** Tiers such as {@code 1b}, {@code 3b-q4}, {@code 7b_Q4_K_M}. */
    public static final String TIER = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    public static final String TIER_MESSAGE = "must be 1-64 letters, digits, dots, dashes or underscores";

    public static final Pattern TIER_PATTERN = Pattern.compile(TIER);

    /** A hex SHA-256 digest, either case. */
    public static final String SHA256 = "^[0-9a-fA-F]{64}$";

    public static final String SHA256_MESSAGE = "must be 64 hexadecimal characters";

    public static final Pattern SHA256_PATTERN = Pattern.compile(SHA256);

    /** Absolute http(s) URLs (artifact locations and mirrors). */
    public static final String URL = "^https?://[^\\s]{1,2000}$";

    public static final String URL_MESSAGE = "must be an absolute http(s) URL";

    /** Tester group names. */
    public static final String GROUP = "^[a-z][a-z0-9_-]{0,63}$";

    public static final String GROUP_MESSAGE =
            "must be 1-64 lower-case letters, digits, dashes or underscores, starting with a letter";

    public static final Pattern GROUP_PATTERN = Pattern.compile(GROUP);

    /** Install ids as devices send them: random per installation, never a hardware id. */
    public static final String INSTALL_ID = "^[A-Za-z0-9_-]{8,128}$";

    public static final String INSTALL_ID_MESSAGE = "must be 8-128 letters, digits, - or _";

    public static final Pattern INSTALL_ID_PATTERN = Pattern.compile(INSTALL_ID);

    /**
     * Model interfaces: a name and a level, {@code chat@2} (prompt format, tool-call schema). A model
     * version implements one; an app lists those it can use.
     */
    public static final String INTERFACE = "^[a-z][a-z0-9-]{0,31}@[0-9]{1,4}$";

    public static final String INTERFACE_MESSAGE = "must be a lower-case name, @ and a level, e.g. chat@2";

    public static final Pattern INTERFACE_PATTERN = Pattern.compile(INTERFACE);

    /**
     * Platform/ABI pairs an engine is built for: {@code android-arm64}, {@code ios-arm64},
     * {@code linux-x86_64}. An engine version's artifacts are named by them (their tier).
     */
    public static final String ABI = "^[a-z][a-z0-9]{1,15}-[a-z0-9_]{2,24}$";

    public static final String ABI_MESSAGE = "must be platform-abi in lower case, e.g. android-arm64 or linux-x86_64";

    public static final Pattern ABI_PATTERN = Pattern.compile(ABI);

    /** The wire names of the release channels ({@link Channel}), in any case. */
    public static final String CHANNEL = "^(?i)(stable|beta|internal)$";

    public static final String CHANNEL_MESSAGE = "must be stable, beta or internal";

    private Identifiers() {}

    /** Whether {@code value} is a valid family name. */
    public static boolean isFamily(String value) {
        return value != null && FAMILY_PATTERN.matcher(value).matches();
    }
}
