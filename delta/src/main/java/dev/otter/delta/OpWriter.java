package dev.otter.delta;

import dev.otter.sdk.patch.Le;
import dev.otter.sdk.patch.PatchFormat;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes patch ops, coalescing as it goes: a COPY that continues the previous one extends it, and
 * literal bytes are gathered into DATA ops of up to {@code maxLiteral} bytes. Memory: one literal
 * buffer, whatever the file size.
 */
final class OpWriter {
    private final OutputStream out;
    private final byte[] literal;
    private final byte[] scratch = new byte[17];
    private int literalLength;
    private long copyOffset = -1;
    private long copyLength;
    private long copied;
    private long literals;

    OpWriter(OutputStream out, int maxLiteral) {
        this.out = out;
        this.literal = new byte[maxLiteral];
    }

    void copy(long baseOffset, long length) throws IOException {
        if (length == 0) {
            return;
        }
        flushLiteral();
        if (copyOffset >= 0 && copyOffset + copyLength == baseOffset) {
            copyLength += length;
        } else {
            flushCopy();
            copyOffset = baseOffset;
            copyLength = length;
        }
        copied += length;
    }

    void literal(byte[] bytes, int from, int length) throws IOException {
        flushCopy();
        literals += length;
        while (length > 0) {
            int n = Math.min(length, literal.length - literalLength);
            System.arraycopy(bytes, from, literal, literalLength, n);
            literalLength += n;
            from += n;
            length -= n;
            if (literalLength == literal.length) {
                flushLiteral();
            }
        }
    }

    /** Writes what is pending and the END op. */
    void finish() throws IOException {
        flushLiteral();
        flushCopy();
        out.write(PatchFormat.END);
    }

    long copied() {
        return copied;
    }

    long literals() {
        return literals;
    }

    private void flushCopy() throws IOException {
        if (copyOffset < 0) {
            return;
        }
        scratch[0] = PatchFormat.COPY;
        Le.putLong(scratch, 1, copyOffset);
        Le.putLong(scratch, 9, copyLength);
        out.write(scratch, 0, 17);
        copyOffset = -1;
        copyLength = 0;
    }

    private void flushLiteral() throws IOException {
        if (literalLength == 0) {
            return;
        }
        scratch[0] = PatchFormat.DATA;
        Le.putLong(scratch, 1, literalLength);
        out.write(scratch, 0, 9);
        out.write(literal, 0, literalLength);
        literalLength = 0;
    }
}
