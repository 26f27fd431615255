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
            case "s3" -> {
                ManifestConfig.Artifacts.S3 s3 = a.s3();
                yield new S3ArtifactStore(
                        new S3Presigner(
                                required(s3.endpoint().orElse(null), "endpoint"),
                                s3.region(),
                                required(s3.bucket().orElse(null), "bucket"),
                                required(s3.accessKey().orElse(null), "access-key"),
                                required(s3.secretKey().orElse(null), "secret-key"),
                                s3.pathStyle()),
                        s3.prefix(),
                        Path.of(a.dir(), "tmp"));
            }
            default ->
                throw new IllegalArgumentException(
                        "otter.manifest.artifacts.store must be local or s3, not " + a.store());
        };
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "otter.manifest.artifacts.s3." + name + " is required with the s3 store");
        }
        return value;
    }
}
