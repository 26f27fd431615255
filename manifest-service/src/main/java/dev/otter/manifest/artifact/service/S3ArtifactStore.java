package dev.otter.manifest.artifact.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The S3-compatible artifact store: objects {@code <prefix>sha256/<sha256>} in one bucket, written
 * with a pre-signed PUT streamed from disk (a single PUT: up to 5 GiB), read back for patch making
 * with a pre-signed GET, and downloaded by devices straight from the bucket (or its CDN) through
 * pre-signed GET URLs. Uploads are first written to a local scratch directory, where they are hashed
 * and checked.
 */
public class S3ArtifactStore implements ArtifactStore {
    /** The largest object one PUT can write. */
    public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

    private final S3Presigner signer;
    private final String prefix;
    private final Path scratch;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public S3ArtifactStore(S3Presigner signer, String prefix, Path scratch) throws IOException {
        this.signer = signer;
        this.prefix = prefix;
        this.scratch = scratch;
        Files.createDirectories(scratch);
    }

    @Override
    public Path newUpload() {
        return scratch.resolve(UUID.randomUUID() + ".part");
    }

    @Override
    public void commit(Path local, String sha256) throws IOException {
        try {
            if (Files.size(local) > MAX_SINGLE_PUT) {
                throw new IOException("files over 5 GiB need a multipart upload, which this store does not do yet");
            }
            if (!exists(sha256)) { // content-addressed: the same bytes are there already
                HttpResponse<String> put = send(HttpRequest.newBuilder(url("PUT", sha256, 3600))
                        .PUT(HttpRequest.BodyPublishers.ofFile(local))
                        .timeout(Duration.ofHours(2))
                        .build());
                if (put.statusCode() / 100 != 2) {
                    throw new IOException(
                            "S3 PUT " + key(sha256) + " answered " + put.statusCode() + ": " + put.body());
                }
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    @Override
    public LocalCopy open(String sha256) throws IOException {
        Path copy = newUpload();
        HttpResponse<Path> get;
        try {
            get = http.send(
                    HttpRequest.newBuilder(url("GET", sha256, 3600))
                            .timeout(Duration.ofHours(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(copy));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (get.statusCode() != 200) {
            Files.deleteIfExists(copy);
            throw new IOException("S3 GET " + key(sha256) + " answered " + get.statusCode());
        }
        Path tmp =
                Files.move(copy, copy.resolveSibling(sha256 + "-" + UUID.randomUUID()), StandardCopyOption.ATOMIC_MOVE);
        return new LocalCopy() {
            @Override
            public Path path() {
                return tmp;
            }

            @Override
            public void close() throws IOException {
                Files.deleteIfExists(tmp);
            }
        };
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        return Optional.empty();
    }

    @Override
    public Optional<String> presignedUrl(String sha256, Instant now, Instant expires) {
        long seconds = Math.max(1, Math.min(604_800, expires.getEpochSecond() - now.getEpochSecond()));
        return Optional.of(signer.presign("GET", key(sha256), now, seconds));
    }

    private boolean exists(String sha256) throws IOException {
        HttpResponse<String> head = send(HttpRequest.newBuilder(url("HEAD", sha256, 300))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build());
        return head.statusCode() == 200;
    }

    private URI url(String method, String sha256, long seconds) {
        return URI.create(signer.presign(method, key(sha256), Instant.now(), seconds));
    }

    private String key(String sha256) {
        return prefix + "sha256/" + sha256;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
