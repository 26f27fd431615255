package dev.otter.bench;

import java.util.Locale;

/**
 * Machine-readable figures for {@code bench/all.sh}: one line {@code FIGURE section|figure|value}
 * per measured value, beside the human-readable RESULT lines. all.sh turns them into the table.
 */
final class Figures {
    private Figures() {}

    static void print(String section, String figure, String format, Object... args) {
        System.out.println("FIGURE " + section + "|" + figure + "|" + String.format(Locale.ROOT, format, args));
    }
}
