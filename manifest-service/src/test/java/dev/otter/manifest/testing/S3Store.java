package dev.otter.manifest.testing;

import dev.otter.testsupport.S3MockResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs the service with the S3 store on a real S3-compatible server (S3Mock). */
public class S3Store implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3MockResource.class));
    }
}
