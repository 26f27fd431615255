package dev.otter.manifest.artifact;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.createVersion;
import static dev.otter.manifest.testing.CatalogApi.post;
import static dev.otter.manifest.testing.CatalogApi.transition;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.otter.gguf.SyntheticModel;
import dev.otter.manifest.artifact.service.DownloadTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArtifactStoreTest {
    private static final String SECRET = "otter-local-development-download-secret";

    private static byte[] model(long generation) throws Exception {
        Path file = Files.createTempFile("model", ".gguf");
        SyntheticModel.llama("test", 3, 64, generation, Set.of(0)).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static ValidatableResponse upload(byte[] bytes, String declared) {
        return given().contentType("application/octet-stream")
                .body(bytes)
                .when()
                .post("/api/v1/uploads" + (declared == null ? "" : "?sha256=" + declared))
                .then();
    }

    /** Uploads a model, adds it as the 1b artifact of a published version, and returns the device's link. */
    private static String publishedLink(byte[] bytes) throws Exception {
        String sha = sha(bytes);
        String family = uniqueFamily("store");
        createFamily(family).statusCode(201);
        createVersion(family, "1.0.0", "stable").statusCode(201);
        post(
                        "/api/v1/families/" + family + "/versions/1.0.0/artifacts",
                        Map.of("tier", "1b", "file", sha, "requirements", Map.of("min_ram_mb", 2048)))
                .statusCode(201)
                .body("urls[0]", is("otter-store:" + sha))
                .body("size_bytes", is(bytes.length))
                .body("sha256", is(sha))
                .body("quantization", is("Q4_0"))
                .body("gguf_version", is(3))
                .body("architecture", is("llama"))
                .body("tensor_count", is(11));
        transition(family, "1.0.0", "publish", null).statusCode(200);
        String url = check(checkBody(family, null, "1b", 4096, "stable"))
                .statusCode(200)
                .body("decisions[0].action", is("UPDATE"))
                .body("decisions[0].artifact.url", startsWith("http://127.0.0.1:"))
                .body("decisions[0].artifact.sha256", is(sha))
                .extract()
                .path("decisions[0].artifact.url");
        assertThat(url).contains("/v1/files/" + sha + "?expires=").contains("&token=");
        return url.substring(url.indexOf("/v1/files/"));
    }

    @Test
    void anUploadIsStoredWithItsGgufFactsAndServedWithRanges() throws Exception {
        byte[] bytes = model(1);
        String sha = sha(bytes);
        upload(bytes, sha)
                .statusCode(201)
                .body("sha256", is(sha))
                .body("size_bytes", is(bytes.length))
                .body("url", is("otter-store:" + sha))
                .body("gguf_version", is(3))
                .body("architecture", is("llama"))
                .body("quantization", is("Q4_0"))
                .body("tensor_count", is(11));
        upload(bytes, sha).statusCode(201).body("sha256", is(sha)); // the same bytes again: same file

        String link = publishedLink(bytes);
        Response whole = given().get(link);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.asByteArray()).isEqualTo(bytes);
        assertThat(whole.header("Content-Length")).isEqualTo(Integer.toString(bytes.length));
        assertThat(whole.header("ETag")).isEqualTo("\"" + sha + "\"");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");

        Response part = given().header("Range", "bytes=100-199").get(link);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + bytes.length);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));

        Response open =
                given().header("Range", "bytes=" + (bytes.length - 10) + "-").get(link);
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));

        Response suffix = given().header("Range", "bytes=-7").get(link);
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.header("Content-Range"))
                .isEqualTo("bytes " + (bytes.length - 7) + "-" + (bytes.length - 1) + "/" + bytes.length);
        assertThat(suffix.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 7, bytes.length));

        Response pastEnd =
                given().header("Range", "bytes=" + bytes.length + "-").get(link);
        assertThat(pastEnd.statusCode()).isEqualTo(416);
        assertThat(pastEnd.header("Content-Range")).isEqualTo("bytes */" + bytes.length);
        assertThat(pastEnd.jsonPath().getString("code")).isEqualTo("RANGE_NOT_SATISFIABLE");

        Response sameFile = given().header("Range", "bytes=0-9")
                .header("If-Range", "\"" + sha + "\"")
                .get(link);
        assertThat(sameFile.statusCode()).isEqualTo(206);
        Response otherFile = given().header("Range", "bytes=0-9")
                .header("If-Range", "\"" + "0".repeat(64) + "\"")
                .get(link);
        assertThat(otherFile.statusCode())
                .as("If-Range mismatch: the whole file")
                .isEqualTo(200);
        assertThat(otherFile.asByteArray()).isEqualTo(bytes);

        Response head = given().head(link);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(bytes.length));
        assertThat(head.asByteArray()).isEmpty();

        assertThat(given().header("If-None-Match", "\"" + sha + "\"").get(link).statusCode())
                .isEqualTo(304);
    }

    @Test
    void linksAreCheckedForTheirTokenAndExpiry() throws Exception {
        byte[] bytes = model(2);
        String sha = sha(bytes);
        upload(bytes, sha).statusCode(201);
        String link = publishedLink(bytes);

        String forged = link.substring(0, link.length() - 3) + "AAA";
        given().get(forged).then().statusCode(403).body("code", is("LINK_INVALID"));
        given().get("/v1/files/" + sha).then().statusCode(403).body("code", is("LINK_INVALID"));
        String otherFile = link.replace(sha, "0".repeat(64));
        given().get(otherFile).then().statusCode(403).body("code", is("LINK_INVALID"));

        String expired = new DownloadTokens(SECRET, Duration.ofHours(1), Duration.ofMinutes(10))
                .query(sha, Instant.now().minus(Duration.ofDays(1)));
        given().get("/v1/files/" + sha + "?" + expired).then().statusCode(403).body("code", is("LINK_EXPIRED"));

        String genuine =
                new DownloadTokens(SECRET, Duration.ofHours(1), Duration.ofMinutes(10)).query(sha, Instant.now());
        given().get("/v1/files/" + "1".repeat(64) + "?" + genuine.replace(sha, "x"))
                .then()
                .statusCode(403);
        given().get("/v1/files/" + sha + "?" + genuine).then().statusCode(200);
    }

    @Test
    void corruptTruncatedOrMislabelledUploadsAreRefusedAndLeaveNothing() throws Exception {
        byte[] bytes = model(3);
        String sha = sha(bytes);
        upload(bytes, "a".repeat(64)).statusCode(422).body("code", is("SHA256_MISMATCH"));
        upload(bytes, null).statusCode(400).body("code", is("SHA256_REQUIRED"));

        byte[] text = "this is not a model, it only has a .gguf name".getBytes();
        upload(text, sha(text)).statusCode(422).body("code", is("NOT_GGUF"));

        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        upload(truncated, sha(truncated))
                .statusCode(422)
                .body("code", is("NOT_GGUF"))
                .body("detail", org.hamcrest.Matchers.containsString("past the end of the file"));

        try (var left = Files.list(Path.of("target/test-artifacts/tmp"))) {
            assertThat(left.toList()).as("uploads in progress left behind").isEmpty();
        }
        String family = uniqueFamily("refused");
        createFamily(family).statusCode(201);
        createVersion(family, "1.0.0", "stable").statusCode(201);
        post("/api/v1/families/" + family + "/versions/1.0.0/artifacts", Map.of("tier", "1b", "file", sha))
                .statusCode(404)
                .body("code", is("FILE_NOT_FOUND"));
        post("/api/v1/families/" + family + "/versions/1.0.0/artifacts", Map.of("tier", "1b"))
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("urls", "size_bytes", "sha256"));
        given().get("/api/v1/families/" + family + "/versions/1.0.0").then().body("artifacts", is(List.of()));
    }
}
