package dev.otter.manifest.artifact.service;

import dev.otter.manifest.config.ManifestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;

/** Builds the configured {@link ArtifactStore}: the local directory, or the S3-compatible bucket. */
@ApplicationScoped
public class ArtifactStoreProducer {

    @Produces
    @ApplicationScoped
    ArtifactStore store(ManifestConfig config) throws IOException {
        ManifestConfig.Artifacts a = config.artifacts();
        return switch (a.store()) {
            case "local" -> new LocalArtifactStore(a.dir());
            case "s3" -> s3Store(a.s3(), Path.of(a.dir(), "tmp"));
            default ->
                throw new IllegalArgumentException(
                        "otter.manifest.artifacts.store must be local or s3, not " + a.store());
        };
    }

    /** The S3 store of these settings (also used by tests and tools outside CDI). */
    public static S3ArtifactStore s3Store(ManifestConfig.Artifacts.S3 s3, Path scratch) throws IOException {
        String bucket = s3.bucket()
                .filter(b -> !b.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(
                        "otter.manifest.artifacts.s3.bucket is required with the s3 store"));
        if (s3.accessKey().isPresent() != s3.secretKey().isPresent()) {
            throw new IllegalArgumentException(
                    "otter.manifest.artifacts.s3.access-key and secret-key go together: set both, or neither to use"
                            + " the default credentials chain");
        }
        S3Connection connection = S3Connection.of(s3);
        return new S3ArtifactStore(
                connection.client(),
                connection.presigner(),
                new MultipartUploader(connection.client(), s3.partSize().asLongValue(), s3.parallelParts()),
                bucket,
                s3.prefix(),
                scratch);
    }
}
