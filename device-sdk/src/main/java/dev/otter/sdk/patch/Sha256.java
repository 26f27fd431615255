package dev.otter.sdk.patch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Streaming sha256 of files, in hex. */
public final class Sha256 {
    private Sha256() {}

    /** A fresh SHA-256 digest (every JVM and Android has one). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String of(Path file) throws IOException {
        MessageDigest d = digest();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            // Buffer calls one by one: Android's ByteBuffer lacks the covariant clear()/flip() of Java 9.
            while (in.read(buffer) >= 0) {
                buffer.flip();
                d.update(buffer);
                buffer.clear();
            }
        }
        return hex(d.digest());
    }

    /** Lower-case hex (HexFormat is Java 17; Android's baseline is older). */
    public static String hex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = DIGITS[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[digest[i] & 0xf];
        }
        return new String(out);
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
}
