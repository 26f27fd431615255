package dev.otter.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs a Quarkus test against {@link S3Mock}: manifest-service's artifacts go to its bucket. */
public class S3MockResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        S3Mock s3 = S3Mock.get();
        return Map.of(
                "otter.manifest.artifacts.store", "s3",
                "otter.manifest.artifacts.s3.endpoint", s3.endpoint(),
                "otter.manifest.artifacts.s3.bucket", S3Mock.BUCKET,
                "otter.manifest.artifacts.s3.path-style", "true",
                "otter.manifest.artifacts.s3.access-key", "test-key",
                "otter.manifest.artifacts.s3.secret-key", "test-secret",
                "otter.manifest.artifacts.s3.part-size", "5M");
    }

    @Override
    public void stop() {
        // one server per JVM, stopped when the JVM exits: other test classes reuse it
    }
}
