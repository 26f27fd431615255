package dev.otter.sdk.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * How the SDK reaches the network: one GET (optionally from a byte offset) and one POST. {@link
 * HttpTransport} is the default; an app may route through its own HTTP stack (OkHttp, Cronet) by
 * implementing these two calls.
 */
public interface Transport {
    /** GET {@code url}, asking for the bytes from {@code offset} on when it is above zero. */
    Response get(String url, long offset, Map<String, String> headers) throws IOException;

    /** POST {@code body} as JSON to {@code url}. */
    Response post(String url, byte[] body, Map<String, String> headers) throws IOException;

    /** A response: status, headers (lower-case names), and the body as a stream to close. */
    final class Response implements AutoCloseable {
        private final int status;
        private final Map<String, String> headers;
        private final InputStream body;

        public Response(int status, Map<String, String> headers, InputStream body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /** A header's value, or null (names are case-insensitive). */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public InputStream body() {
            return body;
        }

        /** The whole body (for small answers). */
        public byte[] bytes() throws IOException {
            // InputStream.readAllBytes is Java 9 but Android API 33: read in a loop.
            try (InputStream in = body) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                }
                return out.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
