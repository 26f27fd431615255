package dev.otter.sdk.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Transport} on {@link HttpURLConnection}: in every JVM and every Android version, no
 * dependency. Connections are kept alive by the platform's pool.
 */
public final class HttpTransport implements Transport {
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public HttpTransport() {
        this(5_000, 30_000);
    }

    public HttpTransport(int connectTimeoutMillis, int readTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public Response get(String url, long offset, Map<String, String> headers) throws IOException {
        HttpURLConnection c = open(url, headers);
        if (offset > 0) {
            c.setRequestProperty("Range", "bytes=" + offset + "-");
        }
        return response(c);
    }

    @Override
    public Response post(String url, byte[] body, Map<String, String> headers) throws IOException {
        HttpURLConnection c = open(url, headers);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        return response(c);
    }

    private HttpURLConnection open(String url, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(connectTimeoutMillis);
        c.setReadTimeout(readTimeoutMillis);
        headers.forEach(c::setRequestProperty);
        return c;
    }

    private static Response response(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            if (h.getKey() != null && !h.getValue().isEmpty()) {
                headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
            }
        }
        InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
        return new Response(status, headers, body == null ? new ByteArrayInputStream(new byte[0]) : body);
    }
}
