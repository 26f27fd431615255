package dev.otter.manifest.catalog.api;

/** Shapes of identifiers in the catalog API. */
public final class Names {
    /** Family names: lower-case, digits and dashes, 2 to 64 characters, starting with a letter. */
    public static final String FAMILY = "^[a-z][a-z0-9-]{1,63}$";

    public static final String FAMILY_MESSAGE =
            "must be 2-64 lower-case letters, digits or dashes, starting with a letter";

    /** Tiers such as {@code 1b}, {@code 3b-q4}, {@code 7b_Q4_K_M}. */
    public static final String TIER = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    public static final String TIER_MESSAGE = "must be 1-64 letters, digits, dots, dashes or underscores";

    /** A hex SHA-256 digest. */
    public static final String SHA256 = "^[0-9a-fA-F]{64}$";

    public static final String SHA256_MESSAGE = "must be 64 hexadecimal characters";

    /** Absolute http(s) URLs. */
    public static final String URL = "^https?://[^\\s]{1,2000}$";

    public static final String URL_MESSAGE = "must be an absolute http(s) URL";

    private Names() {}
}
