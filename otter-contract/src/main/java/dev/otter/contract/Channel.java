package dev.otter.contract;

import java.util.Locale;

/**
 * A release channel, from most to least conservative. A device on a channel sees the versions
 * released to it and to every more conservative channel: {@code internal} devices see everything,
 * {@code beta} devices see beta and stable releases, {@code stable} devices only stable ones.
 */
public enum Channel {
    STABLE,
    BETA,
    INTERNAL;

    /** Parses the wire form ({@code stable}, {@code beta}, {@code internal}), case-insensitively. */
    public static Channel parse(String text) {
        if (text != null) {
            for (Channel c : values()) {
                if (c.name().equalsIgnoreCase(text.strip())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("channel " + Identifiers.CHANNEL_MESSAGE + ": " + text);
    }

    /** Whether a device on this channel may receive a version released to {@code release}. */
    public boolean sees(Channel release) {
        return release.ordinal() <= ordinal();
    }

    /** The wire form: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
