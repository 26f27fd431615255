package dev.otter.manifest.artifact;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static dev.otter.manifest.testing.StoredModels.checkFrom;
import static dev.otter.manifest.testing.StoredModels.patches;
import static dev.otter.manifest.testing.StoredModels.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.otter.gguf.SyntheticModel;
import dev.otter.sdk.patch.PatchApplier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PatchGenerationTest {

    private static Path model(long generation, Set<Integer> changed) throws Exception {
        Path file = Files.createTempFile("model", ".gguf");
        SyntheticModel.llama("patched", 4, 256, generation, changed).write(file);
        return file;
    }

    @Test
    void publishingMakesPatchesFromPredecessorsThatDevicesApplyByteExact() throws Exception {
        String family = uniqueFamily("patch");
        createFamily(family).statusCode(201);
        Path v1 = model(1, Set.of(0));
        Path v2 = model(2, Set.of(0)); // one of four layers changed
        String sha1 = publish(family, "1.0.0", v1);
        String sha2 = publish(family, "1.1.0", v2);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "READY"
                .equals(patches(family, "1.1.0").getString("[0].status")));
        JsonPath made = patches(family, "1.1.0");
        assertThat(made.getList("$")).hasSize(1);
        assertThat(made.getString("[0].from_version")).isEqualTo("1.0.0");
        assertThat(made.getString("[0].base_sha256")).isEqualTo(sha1);
        assertThat(made.getString("[0].target_sha256")).isEqualTo(sha2);
        assertThat(made.getDouble("[0].progress")).isEqualTo(1.0);
        assertThat(made.getDouble("[0].ratio")).isBetween(0.05, 0.30);

        // The device holding 1.0.0's file is offered the patch beside the full file.
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        check(checkFrom(family, "1.0.0", sha1)).extract().path("decisions[0].artifact.patch") != null);
        JsonPath offer = check(checkFrom(family, "1.0.0", sha1))
                .statusCode(200)
                .body("decisions[0].action", is("UPDATE"))
                .body("decisions[0].version", is("1.1.0"))
                .body("decisions[0].artifact.sha256", is(sha2))
                .body("decisions[0].artifact.patch.base_sha256", is(sha1))
                .extract()
                .jsonPath();
        String link = offer.getString("decisions[0].artifact.patch.url");
        assertThat(offer.getString("decisions[0].artifact.url")).contains("/v1/files/" + sha2);
        byte[] patch = given().get(link.substring(link.indexOf("/v1/files/")))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat((long) patch.length).isEqualTo(offer.getLong("decisions[0].artifact.patch.size_bytes"));
        Path patchFile = Files.createTempFile("patch", ".otdp");
        Files.write(patchFile, patch);
        Path result = Files.createTempFile("result", ".gguf");
        String applied =
                new PatchApplier().apply(v1, patchFile, offer.getString("decisions[0].artifact.patch.sha256"), result);
        assertThat(applied).isEqualTo(sha2);
        assertThat(Files.readAllBytes(result)).isEqualTo(Files.readAllBytes(v2));

        // A seed-001 client tells only its version ("v1.0" as seed 001 writes it): it holds that version's
        // file, so it is offered the same patch, after the three fields it decodes.
        given().contentType("application/json")
                .body(java.util.Map.of("device_id", "legacy-patch-1", "current_version", "v1.0", "family", family))
                .post("/v1/model/update")
                .then()
                .statusCode(200)
                .body("need_update", is(true))
                .body("target_version", is("1.1.0"))
                .body("download_url", is(offer.getString("decisions[0].artifact.url")))
                .body("sha256", is(sha2))
                .body("patch.base_sha256", is(sha1))
                .body("patch.sha256", is(offer.getString("decisions[0].artifact.patch.sha256")))
                .body("patch.size_bytes", is(patch.length));

        // Another installed file (a corrupted or side-loaded one) gets the full file only.
        check(checkFrom(family, "1.0.0", "e".repeat(64)))
                .body("decisions[0].action", is("UPDATE"))
                .body("decisions[0].artifact.patch", nullValue());
    }

    @Test
    void aPatchOverTheLimitIsMadeButNotOffered() throws Exception {
        String family = uniqueFamily("bigpatch");
        createFamily(family).statusCode(201);
        String sha1 = publish(family, "1.0.0", model(1, Set.of()));
        publish(family, "2.0.0", model(7, Set.of(0, 1, 2, 3))); // every layer changed

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "TOO_LARGE"
                .equals(patches(family, "2.0.0").getString("[0].status")));
        assertThat(patches(family, "2.0.0").getString("[0].detail")).contains("above the 30% limit");
        check(checkFrom(family, "1.0.0", sha1))
                .body("decisions[0].version", is("2.0.0"))
                .body("decisions[0].artifact.patch", nullValue());
    }
}
