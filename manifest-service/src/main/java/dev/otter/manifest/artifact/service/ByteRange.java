package dev.otter.manifest.artifact.service;

/**
 * One byte range of a file of {@code size} bytes, from an HTTP {@code Range} header (RFC 9110
 * §14.1.2): {@code bytes=a-b}, {@code bytes=a-} or the suffix {@code bytes=-n}.
 */
public record ByteRange(long first, long last, long size) {

    /** What a Range header asks for. */
    public sealed interface Parsed {}

    /** No usable range: serve the whole file (absent, not bytes, several ranges, or malformed). */
    public record Whole() implements Parsed {}

    /** A range inside the file. */
    public record Partial(ByteRange range) implements Parsed {}

    /** A well-formed range that lies outside the file: 416. */
    public record Unsatisfiable() implements Parsed {}

    public long length() {
        return last - first + 1;
    }

    /** The Content-Range value, e.g. {@code bytes 0-99/1000}. */
    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Parses a Range header. Several ranges are answered with the whole file (allowed by RFC 9110,
     * and no device needs multipart/byteranges); a malformed header is ignored the same way.
     */
    public static Parsed parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) {
            return new Whole();
        }
        String spec = header.substring(6).strip();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) { // suffix: the last n bytes
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    return n <= 0 ? new Whole() : new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, size - n), size - 1, size));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || !b.isEmpty() && last < first) {
                return new Whole(); // malformed: ignored, as RFC 9110 allows
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, Math.min(last, size - 1), size));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
