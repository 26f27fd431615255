package dev.otter.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Device app keys: the header devices send them in, and the one-way form in which they are stored
 * and shared (SHA-256, hex). Keys are 256 random bits, so an unsalted hash is enough: there is
 * nothing to guess, and a leaked Redis or database holds no usable key.
 */
public final class AppKeys {
    /** The request header carrying the app key. */
    public static final String HEADER = "Otter-App-Key";

    /** Every key starts with this, so a leaked key is recognisable by secret scanners. */
    public static final String PREFIX = "otk_";

    private AppKeys() {}

    /** The stored form of {@code key}. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
