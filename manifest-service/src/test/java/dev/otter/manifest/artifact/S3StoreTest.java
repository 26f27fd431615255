package dev.otter.manifest.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.artifact.service.S3ArtifactStore;
import dev.otter.manifest.artifact.service.S3Presigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3StoreTest {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void presignedUrlsMatchAwsDocumentedExample() {
        // AWS S3 docs, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)".
        S3Presigner aws = new S3Presigner(
                "https://s3.amazonaws.com",
                "us-east-1",
                "examplebucket",
                "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                false);
        assertThat(aws.presign("GET", "test.txt", Instant.parse("2013-05-24T00:00:00Z"), 86400))
                .isEqualTo("https://examplebucket.s3.amazonaws.com/test.txt"
                        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    // ---- a fake S3 bucket (path-style) that checks every request's signature

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private S3Presigner signer;

    @BeforeEach
    void startFakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
        signer = new S3Presigner(
                "http://127.0.0.1:" + server.getAddress().getPort(), "eu-central-1", "models", "AK", "SK", true);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            synchronized (requests) {
                requests.add(ex.getRequestMethod() + " " + path);
            }
            Map<String, String> q = new java.util.HashMap<>();
            for (String part : query.split("&")) {
                q.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
            }
            String key = path.substring("/models/".length());
            String expected = signer.presign(
                    ex.getRequestMethod(),
                    key,
                    STAMP.parse(q.get("X-Amz-Date"), Instant::from),
                    Long.parseLong(q.get("X-Amz-Expires")));
            if (!expected.endsWith(path + "?" + query)) {
                ex.sendResponseHeaders(403, -1);
                return;
            }
            switch (ex.getRequestMethod()) {
                case "PUT" -> {
                    objects.put(key, ex.getRequestBody().readAllBytes());
                    ex.sendResponseHeaders(200, -1);
                }
                case "HEAD" -> ex.sendResponseHeaders(objects.containsKey(key) ? 200 : 404, -1);
                case "GET" -> {
                    byte[] body = objects.get(key);
                    if (body == null) {
                        ex.sendResponseHeaders(404, -1);
                    } else {
                        ex.sendResponseHeaders(200, body.length);
                        ex.getResponseBody().write(body);
                    }
                }
                default -> ex.sendResponseHeaders(405, -1);
            }
        }
    }

    @Test
    void filesGoToTheBucketComeBackForPatchingAndDevicesGetPresignedLinks() throws Exception {
        ArtifactStore store = new S3ArtifactStore(signer, "otter/", dir.resolve("scratch"));
        String sha = "ab".repeat(32);
        Path upload = store.newUpload();
        Files.write(upload, "model bytes".getBytes());

        store.commit(upload, sha);
        assertThat(upload).doesNotExist();
        assertThat(objects).containsOnlyKeys("otter/sha256/" + sha);
        assertThat(requests).containsExactly("HEAD /models/otter/sha256/" + sha, "PUT /models/otter/sha256/" + sha);

        Path again = store.newUpload();
        Files.write(again, "model bytes".getBytes());
        store.commit(again, sha);
        assertThat(requests).as("the same bytes are not sent twice").hasSize(3);

        try (ArtifactStore.LocalCopy copy = store.open(sha)) {
            assertThat(Files.readString(copy.path())).isEqualTo("model bytes");
            Path p = copy.path();
            copy.close();
            assertThat(p).doesNotExist();
        }

        Instant now = Instant.now();
        String link = store.presignedUrl(sha, now, now.plusSeconds(3600)).orElseThrow();
        assertThat(link).contains("X-Amz-Expires=3600");
        HttpResponse<String> get = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("model bytes");

        HttpResponse<String> tampered = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(link.replace("X-Amz-Expires=3600", "X-Amz-Expires=99999")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> store.open("cd".repeat(32))).hasMessageContaining("404");
    }
}
