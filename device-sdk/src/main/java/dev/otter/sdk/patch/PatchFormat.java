package dev.otter.sdk.patch;

/**
 * The patch file format, version 1 (all integers little-endian):
 *
 * <pre>
 * header:  "OTDP" u32 version(1) | base sha256 (32) | target sha256 (32) | base size u64 | target size u64
 * ops:     COPY  u8 1 | base offset u64 | length u64     bytes of the base file, in place
 *          DATA  u8 2 | length u64 | length bytes        new bytes, literally
 *          END   u8 0
 * </pre>
 *
 * Ops write the target front to back; the patch's own sha256 is kept beside it (in the catalog),
 * not inside it.
 */
public final class PatchFormat {
    private PatchFormat() {}

    /** "OTDP" read as a little-endian u32. */
    public static final int MAGIC = 0x5044544f;

    public static final int VERSION = 1;
    public static final int END = 0;
    public static final int COPY = 1;
    public static final int DATA = 2;

    /** Bytes of the header. */
    public static final int HEADER_BYTES = 4 + 4 + 32 + 32 + 8 + 8;
}
