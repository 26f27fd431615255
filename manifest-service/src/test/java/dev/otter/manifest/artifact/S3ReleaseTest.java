package dev.otter.manifest.artifact;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static dev.otter.manifest.testing.StoredModels.checkFrom;
import static dev.otter.manifest.testing.StoredModels.patches;
import static dev.otter.manifest.testing.StoredModels.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.gguf.SyntheticModel;
import dev.otter.manifest.testing.S3Store;
import dev.otter.sdk.patch.PatchApplier;
import dev.otter.testsupport.S3Mock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A release with {@code store=s3}: uploads go to the bucket (in parts: the test's part size is 5 MiB),
 * patches are made from copies read back from it, and devices download files and patches straight
 * from the bucket through pre-signed links, in ranges as they resume.
 */
@QuarkusTest
@TestProfile(S3Store.class)
class S3ReleaseTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void devicesDownloadFilesAndPatchesFromTheBucketInRanges() throws Exception {
        String family = uniqueFamily("s3");
        createFamily(family).statusCode(201);
        Path v1 = model(1, Set.of(0));
        Path v2 = model(2, Set.of(0));
        assertThat(Files.size(v2)).as("big enough for a multipart upload").isGreaterThan(5L << 20);
        String sha1 = publish(family, "1.0.0", v1);
        String sha2 = publish(family, "1.1.0", v2);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "READY"
                .equals(patches(family, "1.1.0").getString("[0].status")));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        check(checkFrom(family, "1.0.0", sha1)).extract().path("decisions[0].artifact.patch") != null);
        JsonPath offer = check(checkFrom(family, "1.0.0", sha1))
                .statusCode(200)
                .extract()
                .jsonPath();

        String fileUrl = offer.getString("decisions[0].artifact.url");
        assertThat(fileUrl)
                .startsWith(S3Mock.get().endpoint() + "/" + S3Mock.BUCKET + "/")
                .contains("X-Amz-Signature=");
        byte[] whole = get(fileUrl, null).body();
        assertThat(sha(whole)).isEqualTo(sha2);
        HttpResponse<byte[]> tail = get(fileUrl, "bytes=" + (whole.length - 1000) + "-");
        assertThat(tail.statusCode()).as("a resumed download").isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 1000, whole.length));

        String patchUrl = offer.getString("decisions[0].artifact.patch.url");
        assertThat(patchUrl).startsWith(S3Mock.get().endpoint());
        Path patch = Files.write(
                Files.createTempFile("patch", ".otdp"), get(patchUrl, null).body());
        Path result = Files.createTempFile("result", ".gguf");
        String applied =
                new PatchApplier().apply(v1, patch, offer.getString("decisions[0].artifact.patch.sha256"), result);
        assertThat(applied).isEqualTo(sha2);
    }

    @Test
    void aFamilyOpenToSeed000ClientsHasItsStaticManifestInTheBucketForACdn() throws Exception {
        String family = uniqueFamily("s3cdn");
        createFamily(family).statusCode(201);
        publish(family, "1.0.0", model(1, Set.of(0)));
        given().contentType(ContentType.JSON)
                .body(Map.of("keyless", true, "reason", "seed-000 clients via the CDN"))
                .put("/api/v1/families/" + family + "/legacy-access")
                .then()
                .statusCode(200);
        String object = S3Mock.get().endpoint() + "/" + S3Mock.BUCKET + "/otter/published/manifests/" + family
                + "/stable/manifest.json";
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> get(object, null).statusCode() == 200);
        HttpResponse<byte[]> manifest = get(object, null);
        assertThat(manifest.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(JsonPath.from(new String(manifest.body())).getString("current_version"))
                .isEqualTo("1.0.0");
        assertThat(get(object + ".sig", null).statusCode()).isEqualTo(200);
    }

    private static Path model(long generation, Set<Integer> changed) throws Exception {
        Path file = Files.createTempFile("model", ".gguf");
        SyntheticModel.llama("s3", 4, 1024, generation, changed).write(file);
        return file;
    }

    private static HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
