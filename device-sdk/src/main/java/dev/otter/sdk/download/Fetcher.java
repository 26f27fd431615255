package dev.otter.sdk.download;

import dev.otter.sdk.net.Transport;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Fetches a file into a {@code .part} file and resumes with {@code Range: bytes=<have>-}, so bytes
 * that arrived are never fetched again (T/ISC 5.2.1); a server that ignores the range is read
 * from the start.
 */
public final class Fetcher {
    private final Transport transport;

    public Fetcher(Transport transport) {
        this.transport = transport;
    }

    /** What one attempt did. */
    public static final class Attempt {
        private final boolean complete;
        private final long fetched;
        private final boolean resumed;

        Attempt(boolean complete, long fetched, boolean resumed) {
            this.complete = complete;
            this.fetched = fetched;
            this.resumed = resumed;
        }

        /** Whether the part file now holds all {@code size} bytes. */
        public boolean complete() {
            return complete;
        }

        /** Bytes this attempt fetched. */
        public long fetched() {
            return fetched;
        }

        /** Whether it continued bytes already on the device. */
        public boolean resumed() {
            return resumed;
        }
    }

    /** Fetches what {@code part} lacks of the {@code size} bytes at {@code url}. */
    public Attempt fetch(String url, Path part, long size, ProgressListener listener) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > size) {
            Files.delete(part); // not what we expected: start over
            have = 0;
        }
        if (have == size) {
            return new Attempt(true, 0, false);
        }
        try (Transport.Response response = transport.get(url, have, Collections.<String, String>emptyMap())) {
            boolean append = have > 0 && response.status() == 206;
            if (response.status() != 200 && response.status() != 206) {
                throw new IOException("download " + url + " answered " + response.status());
            }
            long start = append ? have : 0;
            long fetched = copy(response.body(), part, append, start, size, listener);
            return new Attempt(start + fetched == size, fetched, append);
        }
    }

    private static long copy(
            InputStream in, Path part, boolean append, long start, long size, ProgressListener listener)
            throws IOException {
        long fetched = 0;
        byte[] buffer = new byte[1 << 16];
        try (FileOutputStream out = new FileOutputStream(part.toFile(), append)) {
            for (int n;
                    start + fetched < size
                            && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - start - fetched))) > 0; ) {
                out.write(buffer, 0, n);
                fetched += n;
                if (!listener.onProgress(start + fetched, size)) {
                    break;
                }
            }
        }
        return fetched;
    }
}
