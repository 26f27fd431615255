package dev.otter.manifest.artifact;

import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.createVersion;
import static dev.otter.manifest.testing.CatalogApi.post;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.otter.gguf.SyntheticModel;
import dev.otter.manifest.testing.StoredModels;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A bucket that does not answer: an upload is refused with a retryable 503 and nothing is recorded. */
@QuarkusTest
@TestProfile(S3UnavailableTest.ClosedBucket.class)
class S3UnavailableTest {

    /** The S3 store on a closed loopback port, one attempt per request. */
    public static class ClosedBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "otter.manifest.artifacts.store", "s3",
                    "otter.manifest.artifacts.s3.endpoint", "http://127.0.0.1:1",
                    "otter.manifest.artifacts.s3.bucket", "nowhere",
                    "otter.manifest.artifacts.s3.path-style", "true",
                    "otter.manifest.artifacts.s3.access-key", "k",
                    "otter.manifest.artifacts.s3.secret-key", "s",
                    "otter.manifest.artifacts.s3.max-attempts", "1");
        }
    }

    @Test
    void anUploadIsRefusedWithARetryable503AndNothingIsKept() throws Exception {
        Path file = Files.createTempFile("model", ".gguf");
        SyntheticModel.llama("down", 2, 64, 1, Set.of()).write(file);
        String sha = StoredModels.sha256(file);
        given().contentType("application/octet-stream")
                .body(file.toFile())
                .post("/api/v1/uploads?sha256=" + sha)
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("code", is("BACKEND_UNAVAILABLE"))
                .body("detail", containsString("upload again"));
        String family = uniqueFamily("s3down");
        createFamily(family).statusCode(201);
        createVersion(family, "1.0.0", "stable").statusCode(201);
        post("/api/v1/families/" + family + "/versions/1.0.0/artifacts", Map.of("tier", "1b", "file", sha))
                .body("code", is("FILE_NOT_FOUND"));
    }
}
