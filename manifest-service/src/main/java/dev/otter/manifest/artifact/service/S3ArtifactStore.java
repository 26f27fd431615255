package dev.otter.manifest.artifact.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3-compatible artifact store: objects {@code <prefix>sha256/<sha256>} in one bucket, written
 * through {@link MultipartUploader} (one PUT for small files, parallel resumable parts above the part
 * size), read back for patch making, and downloaded by devices straight from the bucket (or its CDN)
 * through pre-signed GET URLs, which honour {@code Range}. Uploads are first written to a local
 * scratch directory, where they are hashed and checked.
 */
public class S3ArtifactStore implements ArtifactStore {
    /** The longest a pre-signed link can live (SigV4's limit). */
    static final Duration MAX_LINK_LIFETIME = Duration.ofDays(7);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final MultipartUploader uploader;
    private final String bucket;
    private final String prefix;
    private final Path scratch;

    public S3ArtifactStore(
            S3Client s3, S3Presigner presigner, MultipartUploader uploader, String bucket, String prefix, Path scratch)
            throws IOException {
        this.s3 = s3;
        this.presigner = presigner;
        this.uploader = uploader;
        this.bucket = bucket;
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
            if (!exists(sha256)) { // content-addressed: the same bytes are there already
                uploader.upload(local, bucket, key(sha256));
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    @Override
    public LocalCopy open(String sha256) throws IOException {
        Path copy = scratch.resolve(sha256 + "-" + UUID.randomUUID());
        try {
            s3.getObject(b -> b.bucket(bucket).key(key(sha256)), ResponseTransformer.toFile(copy));
        } catch (SdkException e) {
            Files.deleteIfExists(copy);
            throw new IOException("S3 GET " + key(sha256) + " failed: " + e.getMessage(), e);
        }
        return new LocalCopy() {
            @Override
            public Path path() {
                return copy;
            }

            @Override
            public void close() throws IOException {
                Files.deleteIfExists(copy);
            }
        };
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        return Optional.empty();
    }

    @Override
    public Optional<String> presignedUrl(String sha256, Instant now, Instant expires) {
        Duration lifetime = Duration.between(now, expires);
        if (lifetime.compareTo(MAX_LINK_LIFETIME) > 0) {
            lifetime = MAX_LINK_LIFETIME;
        } else if (lifetime.getSeconds() < 1) {
            lifetime = Duration.ofSeconds(1);
        }
        Duration signed = lifetime;
        return Optional.of(presigner
                .presignGetObject(p -> p.signatureDuration(signed)
                        .getObjectRequest(g -> g.bucket(bucket).key(key(sha256))))
                .url()
                .toString());
    }

    private boolean exists(String sha256) throws IOException {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key(sha256)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("S3 HEAD " + key(sha256) + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 HEAD " + key(sha256) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String name, byte[] body, String contentType, String cacheControl) throws IOException {
        try {
            s3.putObject(
                    b -> b.bucket(bucket)
                            .key(prefix + "published/" + name)
                            .contentType(contentType)
                            .cacheControl(cacheControl),
                    RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw new IOException("S3 PUT " + prefix + "published/" + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void unpublish(String name) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + "published/" + name));
        } catch (SdkException e) {
            throw new IOException("S3 DELETE " + prefix + "published/" + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Path> localPublished(String name) {
        return Optional.empty(); // the bucket (behind a CDN) serves them
    }

    private String key(String sha256) {
        return prefix + "sha256/" + sha256;
    }
}
