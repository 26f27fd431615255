package dev.otter.sdk.version;

/**
 * Orders MAJOR.MINOR.PATCH versions numerically (a pre-release sorts before its release). The SDK's
 * own: the contract's {@code SemVer} is Java 17, above an Android app's baseline.
 */
public final class Versions {
    private Versions() {}

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compare(String a, String b) {
        String[] x = a.split("-", 2);
        String[] y = b.split("-", 2);
        String[] p = x[0].split("\\.");
        String[] q = y[0].split("\\.");
        for (int i = 0; i < Math.max(p.length, q.length); i++) {
            long u = i < p.length ? Long.parseLong(p[i]) : 0;
            long v = i < q.length ? Long.parseLong(q[i]) : 0;
            if (u != v) {
                return Long.compare(u, v);
            }
        }
        if (x.length != y.length) {
            return x.length > y.length ? -1 : 1; // 1.0.0-rc.1 < 1.0.0
        }
        return x.length == 1 ? 0 : x[1].compareTo(y[1]);
    }
}
