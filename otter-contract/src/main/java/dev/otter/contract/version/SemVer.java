package dev.otter.contract.version;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version, ordered by precedence: "2.10.0" &gt; "2.9.0" and
 * "2.1.0-rc.1" &lt; "2.1.0". Every service compares versions through this type, never as strings.
 *
 * <p>Equality follows precedence, so build metadata ({@code +build.5}) is kept for display but ignored
 * by {@link #equals} and {@link #compareTo}, as the specification requires.
 */
public final class SemVer implements Comparable<SemVer> {
    // The regular expression suggested by semver.org, with named groups.
    private static final Pattern STRICT =
            Pattern.compile("^(?<major>0|[1-9]\\d*)\\.(?<minor>0|[1-9]\\d*)\\.(?<patch>0|[1-9]\\d*)"
                    + "(?:-(?<pre>(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+(?<build>[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
    // Lenient form for old clients and OS versions: "v1.2", "2", "14", " 16.4.1 ".
    private static final Pattern LENIENT = Pattern.compile("^[vV]?(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?(.*)$");
    private static final int MAX_LENGTH = 128;

    private final int major;
    private final int minor;
    private final int patch;
    private final List<String> preRelease;
    private final String build;

    private SemVer(int major, int minor, int patch, List<String> preRelease, String build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
        this.build = build;
    }

    /** A release version without pre-release or build parts. */
    public static SemVer of(int major, int minor, int patch) {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        return new SemVer(major, minor, patch, List.of(), "");
    }

    /** Parses a strict SemVer 2.0.0 string, or throws {@link InvalidVersionException} saying why. */
    public static SemVer parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidVersionException("version is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException("version is longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = STRICT.matcher(text);
        if (!m.matches()) {
            throw new InvalidVersionException(
                    "'" + text + "' is not a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]");
        }
        String pre = m.group("pre");
        String build = m.group("build");
        return new SemVer(
                number(m.group("major"), text),
                number(m.group("minor"), text),
                number(m.group("patch"), text),
                pre == null ? List.of() : List.of(pre.split("\\.")),
                build == null ? "" : build);
    }

    /** Like {@link #parse}, but empty instead of throwing. */
    public static Optional<SemVer> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidVersionException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses what old clients and operating systems send: a leading "v", missing minor or patch
     * ("v1.2" is 1.2.0, "14" is 14.0.0), surrounding blanks. A strict version parses the same.
     */
    public static SemVer parseLenient(String text) {
        if (text == null) {
            throw new InvalidVersionException("version is empty");
        }
        String trimmed = text.strip();
        Optional<SemVer> strict = tryParse(trimmed);
        if (strict.isPresent()) {
            return strict.get();
        }
        Matcher m = LENIENT.matcher(trimmed);
        if (!m.matches()) {
            throw new InvalidVersionException("'" + text + "' is not a version");
        }
        String rest = m.group(4);
        String normalized = Integer.parseInt(m.group(1)) + "." + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)))
                + "." + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3))) + rest;
        return tryParse(normalized).orElseThrow(() -> new InvalidVersionException("'" + text + "' is not a version"));
    }

    private static int number(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidVersionException("'" + text + "' has a number too large");
        }
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public int patch() {
        return patch;
    }

    /** The dot-separated pre-release identifiers, empty for a release. */
    public List<String> preRelease() {
        return preRelease;
    }

    /** Build metadata without the '+', empty when absent; ignored by ordering. */
    public String build() {
        return build;
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** The same version without build metadata. */
    public SemVer withoutBuild() {
        return build.isEmpty() ? this : new SemVer(major, minor, patch, preRelease, "");
    }

    public boolean isNewerThan(SemVer other) {
        return compareTo(other) > 0;
    }

    public boolean isOlderThan(SemVer other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(SemVer other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        return c != 0 ? c : comparePreRelease(preRelease, other.preRelease);
    }

    // A release outranks any of its pre-releases; identifiers compare numerically when both are
    // numeric, numeric ones rank below alphanumeric ones, and a longer list wins a tie (spec §11).
    private static int comparePreRelease(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareIdentifier(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareIdentifier(String x, String y) {
        boolean xNumeric = isNumeric(x);
        boolean yNumeric = isNumeric(y);
        if (xNumeric && yNumeric) {
            // No leading zeros (the grammar forbids them), so length then text orders big numbers too.
            int c = Integer.compare(x.length(), y.length());
            return c != 0 ? c : x.compareTo(y);
        }
        if (xNumeric != yNumeric) {
            return xNumeric ? -1 : 1;
        }
        return x.compareTo(y);
    }

    private static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemVer other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * major + minor) + patch) + preRelease.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder()
                .append(major)
                .append('.')
                .append(minor)
                .append('.')
                .append(patch);
        if (!preRelease.isEmpty()) {
            s.append('-').append(String.join(".", preRelease));
        }
        if (!build.isEmpty()) {
            s.append('+').append(build);
        }
        return s.toString();
    }
}
