package dev.otter.contract;

import java.util.regex.Pattern;

/** Validates the namespace that prefixes every Redis key, pub/sub channel and Kafka topic. */
public final class Namespace {
    /** The namespace of a normal installation. */
    public static final String DEFAULT = "otter";

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private Namespace() {}

    /** Returns the namespace if it is lower-case letters, digits and dashes, else throws. */
    public static String require(String namespace) {
        if (namespace == null || !VALID.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must match " + VALID.pattern() + ": " + namespace);
        }
        return namespace;
    }
}
