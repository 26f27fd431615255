package dev.otter.manifest.testing;

import dev.otter.manifest.config.ManifestConfig;
import dev.otter.testsupport.S3Mock;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.net.URI;
import java.util.Optional;

/** The S3 store's settings as a value, for tests that build the store without Quarkus. */
public record S3Settings(
        Optional<URI> endpoint,
        String region,
        Optional<String> bucket,
        Optional<String> accessKey,
        Optional<String> secretKey,
        boolean pathStyle,
        String prefix,
        MemorySize partSize,
        int parallelParts,
        int maxAttempts)
        implements ManifestConfig.Artifacts.S3 {

    /** The test server's bucket, path-style, static keys, parts of {@code partSize} bytes. */
    public static S3Settings of(S3Mock s3, String prefix, long partSize, int parallelParts) {
        return of(URI.create(s3.endpoint()), S3Mock.BUCKET, prefix, partSize, parallelParts);
    }

    /** A bucket on an S3-compatible endpoint, path-style, static test keys. */
    public static S3Settings of(URI endpoint, String bucket, String prefix, long partSize, int parallelParts) {
        return new S3Settings(
                Optional.of(endpoint),
                "eu-central-1",
                Optional.of(bucket),
                Optional.of("test-key"),
                Optional.of("test-secret"),
                true,
                prefix,
                new MemorySize(BigInteger.valueOf(partSize)),
                parallelParts,
                3);
    }
}
