package dev.otter.simulator.files;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the demo's model files over HTTP with byte ranges ({@code Range: bytes=a-b}, 206, 416),
 * so devices can resume an interrupted download. It stands in for a CDN; it can corrupt a share of
 * responses to exercise the devices' sha256 check.
 */
public final class FileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Path root;
    private final double corruptRate;
    private final AtomicLong served = new AtomicLong();

    public FileServer(Path root, int port, double corruptRate) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.corruptRate = corruptRate;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/models/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    /** The URL of a file in the served directory. */
    public String url(Path file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/models/"
                + root.relativize(file.toAbsolutePath().normalize());
    }

    /** Bytes sent so far. */
    public long bytesServed() {
        return served.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring("/models/".length()))
                    .normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(file);
            long from = 0;
            long to = size - 1;
            String range = exchange.getRequestHeaders().getFirst("Range");
            int status = 200;
            if (range != null) {
                Matcher m = RANGE.matcher(range);
                if (!m.matches() || Long.parseLong(m.group(1)) >= size) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                status = 206;
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            long length = to - from + 1;
            exchange.sendResponseHeaders(status, length);
            boolean corrupt = Math.random() < corruptRate;
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r");
                    OutputStream out = exchange.getResponseBody()) {
                in.seek(from);
                byte[] buffer = new byte[1 << 16];
                long remaining = length;
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (corrupt) {
                        buffer[0] ^= 0x5a;
                        corrupt = false;
                    }
                    served.addAndGet(n); // counted before the client can see the bytes
                    out.write(buffer, 0, n);
                    remaining -= n;
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
