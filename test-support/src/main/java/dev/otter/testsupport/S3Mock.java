package dev.otter.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for tests: Adobe's S3Mock (the self-contained {@code exec} jar that the
 * build copies to {@code target/s3mock/s3mock.jar}, or {@code -Dotter.s3mock.jar}), run as a child
 * process on a free loopback port with one bucket, its objects under a fresh directory. One per JVM,
 * started on first use and stopped when the JVM exits.
 */
public final class S3Mock {
    /** The bucket the server starts with. */
    public static final String BUCKET = "otter-models";

    private static S3Mock shared;

    private final Process process;
    private final int port;
    private final Path root;

    private S3Mock(Process process, int port, Path root) {
        this.process = process;
        this.port = port;
        this.root = root;
    }

    /** The running server, started (in a few seconds) on first call. */
    public static synchronized S3Mock get() {
        if (shared == null || !shared.process.isAlive()) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start S3Mock: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3mock-stop"));
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint, path-style. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The directory the server keeps objects in. */
    public Path root() {
        return root;
    }

    private static S3Mock start() throws IOException {
        Path jar = Path.of(System.getProperty("otter.s3mock.jar", "target/s3mock/s3mock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar.toAbsolutePath()
                    + " is missing: the module's build copies com.adobe.testing:s3mock:exec there (mvn verify)");
        }
        int port = freePort();
        Path root = Files.createTempDirectory("otter-s3mock-");
        Path log = root.resolveSibling(root.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.port=0", // its HTTPS connector: unused
                "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + root));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3Mock mock = new S3Mock(process, port, root);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!mock.answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                mock.stop();
                throw new IOException("S3Mock did not start; see " + log);
            }
            try {
                Thread.sleep(100); // between polls of a condition with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return mock;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(endpoint() + "/" + BUCKET).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
