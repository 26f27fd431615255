package dev.otter.manifest.update;

import static dev.otter.manifest.testing.CatalogApi.check;
import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.post;
import static dev.otter.manifest.testing.CatalogApi.sha256;
import static dev.otter.manifest.testing.CatalogApi.transition;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static dev.otter.manifest.testing.CatalogApi.url;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.RedisKeys;
import dev.otter.contract.rollout.ChannelState;
import dev.otter.contract.rollout.FamilyRolloutState;
import dev.otter.contract.rollout.RolledBackRollout;
import dev.otter.manifest.testing.CatalogApi;
import dev.otter.manifest.testing.RolloutStateWriter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Engines as releases and model interfaces, through the catalog API and the update check on real
 * PostgreSQL and Redis: an engine family with per-ABI artifacts, models naming the engine range that
 * loads them and their interface, an adapter attached after publishing, and an engine rollout
 * rolled back with a model that depends on it.
 */
@QuarkusTest
class EnginesAndInterfacesTest {
    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ObjectMapper json;

    private static ValidatableResponse createFamily(String name, String kind) {
        return post("/api/v1/families", Map.of("name", name, "kind", kind));
    }

    private static void publishEngine(String engine, String version) {
        post("/api/v1/families/" + engine + "/versions", Map.of("version", version))
                .statusCode(201);
        for (String abi : List.of("android-arm64", "ios-arm64")) {
            post(
                            "/api/v1/families/" + engine + "/versions/" + version + "/artifacts",
                            Map.of(
                                    "tier",
                                    abi,
                                    "urls",
                                    List.of("https://cdn.example.com/engine/" + version + "/" + abi + ".so"),
                                    "size_bytes",
                                    9_000_000,
                                    "sha256",
                                    sha256(version, abi),
                                    "format",
                                    "so"))
                    .statusCode(201);
        }
        transition(engine, version, "publish", null).statusCode(200);
    }

    private static void publishModel(String family, String version, String engine, String minEngine, String iface) {
        post(
                        "/api/v1/families/" + family + "/versions",
                        Map.of(
                                "version",
                                version,
                                "engine",
                                Map.of("family", engine, "min_version", minEngine),
                                "interface",
                                iface))
                .statusCode(201)
                .body("engine.family", is(engine))
                .body("engine.min_version", is(minEngine))
                .body("interface", is(iface));
        CatalogApi.addArtifact(family, version, "1b", 612_000_000L, 2048).statusCode(201);
        transition(family, version, "publish", null).statusCode(200);
    }

    private static ValidatableResponse checkBoth(String engine, String engineAt, String family, String modelAt) {
        Map<String, Object> body = new HashMap<>(checkBody(family, modelAt, "1b", 8192, "stable"));
        body.put("abi", "android-arm64");
        body.put("interfaces", List.of("chat@1"));
        Map<String, Object> engineQuery = new LinkedHashMap<>();
        engineQuery.put("family", engine);
        engineQuery.put("installed_version", engineAt);
        Map<String, Object> modelQuery = new LinkedHashMap<>();
        modelQuery.put("family", family);
        modelQuery.put("installed_version", modelAt);
        modelQuery.put("preferred_tier", "1b");
        body.put("models", List.of(engineQuery, modelQuery));
        return check(body).statusCode(200);
    }

    @Test
    void anEngineBuildGoesToOttersStoreAsABinaryAndIsOfferedForTheDevicesAbi() throws Exception {
        String engine = uniqueFamily("engine");
        createFamily(engine, "engine").statusCode(201);
        byte[] build = ("not a model, an engine build " + engine).getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(build));
        given().contentType("application/octet-stream")
                .body(build)
                .post("/api/v1/uploads?sha256=" + sha)
                .then()
                .statusCode(422)
                .body("code", is("NOT_GGUF"));
        given().contentType("application/octet-stream")
                .body(build)
                .post("/api/v1/uploads?sha256=" + sha + "&kind=binary")
                .then()
                .statusCode(201);
        post("/api/v1/families/" + engine + "/versions", Map.of("version", "1.0.0"))
                .statusCode(201);
        post("/api/v1/families/" + engine + "/versions/1.0.0/artifacts", Map.of("tier", "android-arm64", "file", sha))
                .statusCode(201)
                .body("format", is("bin"))
                .body("urls[0]", is("otter-store:" + sha));
        transition(engine, "1.0.0", "publish", null).statusCode(200);
        Map<String, Object> body = new HashMap<>(checkBody(engine, null, "1b", 8192, "stable"));
        body.put("abi", "android-arm64");
        check(body)
                .statusCode(200)
                .body("decisions[0].action", is("UPDATE"))
                .body("decisions[0].artifact.tier", is("android-arm64"))
                .body("decisions[0].artifact.sha256", is(sha))
                .body("decisions[0].artifact.format", is("bin"));
        body.put("abi", "ios-arm64");
        check(body).statusCode(200).body("decisions[0].action", is("INCOMPATIBLE"));
    }

    @Test
    void theCatalogRefusesWhatDoesNotFitTheFamilysKind() {
        String engine = uniqueFamily("engine");
        String family = uniqueFamily("chat");
        createFamily(engine, "engine").statusCode(201).body("kind", is("engine"));
        createFamily(family, "model").statusCode(201).body("kind", is("model"));
        post("/api/v1/families/" + engine + "/versions", Map.of("version", "1.0.0", "interface", "chat@1"))
                .statusCode(400)
                .body("code", is("KIND_MISMATCH"));
        post("/api/v1/families/" + engine + "/versions", Map.of("version", "1.0.0"))
                .statusCode(201);
        CatalogApi.addArtifact(engine, "1.0.0", "1b", 9_000_000L, 0)
                .statusCode(400)
                .body("code", is("KIND_MISMATCH"))
                .body("detail", containsString("android-arm64"));
        post("/api/v1/families/" + family + "/versions", Map.of("version", "1.0.0", "engine", Map.of("family", family)))
                .statusCode(400)
                .body("code", is("KIND_MISMATCH"))
                .body("detail", containsString("not an engine"));
        post(
                        "/api/v1/families/" + family + "/versions",
                        Map.of(
                                "version",
                                "1.0.0",
                                "engine",
                                Map.of("family", engine, "min_version", "2", "max_version", "1")))
                .statusCode(400)
                .body("code", is("INVALID_VERSION"));
        post("/api/v1/families/" + family + "/versions", Map.of("version", "1.0.0", "interface", "chat 1"))
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"));
        post("/api/v1/families/" + family + "/versions", Map.of("version", "1.0.0"))
                .statusCode(201);
        post(
                        "/api/v1/families/" + family + "/versions/1.0.0/artifacts",
                        Map.of(
                                "tier",
                                "chat1-template",
                                "urls",
                                List.of(url("1.0.0", "t")),
                                "size_bytes",
                                100,
                                "sha256",
                                sha256("1.0.0", "t"),
                                "adapts_interface",
                                "chat@1"))
                .statusCode(400)
                .body("code", is("KIND_MISMATCH"))
                .body("detail", containsString("declares no interface"));
    }

    @Test
    void engineAndModelAreAnsweredTogetherWithAdaptersAndAnEngineRollbackTakesTheModelBackFirst() throws Exception {
        String engine = uniqueFamily("engine");
        String family = uniqueFamily("chat");
        createFamily(engine, "engine").statusCode(201);
        createFamily(family, "model").statusCode(201);
        publishEngine(engine, "1.4.0");
        publishEngine(engine, "2.0.0");
        publishModel(family, "2.0.0", engine, "1.0.0", "chat@1");
        publishModel(family, "3.0.0", engine, "2.0.0", "chat@2");

        // The app speaks chat@1 only: the engine updates, the model stays and says why.
        checkBoth(engine, "1.4.0", family, "2.0.0")
                .body("decisions[0].action", is("UPDATE"))
                .body("decisions[0].version", is("2.0.0"))
                .body("decisions[0].artifact.tier", is("android-arm64"))
                .body("decisions[1].action", is("NO_UPDATE"))
                .body("decisions[1].missing[0].requirement", is("interface"))
                .body("decisions[1].missing[0].needed", is("chat@2"));

        // An operator attaches a chat@1 adapter to the published 3.0.0: now it is offered, with it,
        // after the engine (2.0.0 loads on the new engine too, 3.0.0 not on the old one).
        post(
                        "/api/v1/families/" + family + "/versions/3.0.0/artifacts",
                        Map.of(
                                "tier",
                                "chat1-template",
                                "urls",
                                List.of("https://cdn.example.com/adapters/chat1.json"),
                                "size_bytes",
                                2048,
                                "sha256",
                                sha256("3.0.0", "chat1"),
                                "format",
                                "json",
                                "adapts_interface",
                                "chat@1"))
                .statusCode(201)
                .body("adapts_interface", is("chat@1"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "UPDATE"
                .equals(checkBoth(engine, "1.4.0", family, "2.0.0").extract().path("decisions[1].action")));
        checkBoth(engine, "1.4.0", family, "2.0.0")
                .body("decisions[1].version", is("3.0.0"))
                .body("decisions[1].interface", is("chat@2"))
                .body("decisions[1].engine.family", is(engine))
                .body("decisions[1].engine.min_version", is("2.0.0"))
                .body("decisions[1].adapter.for_interface", is("chat@1"))
                .body("decisions[1].adapter.url", is("https://cdn.example.com/adapters/chat1.json"))
                .body("decisions[1].apply_after", is(engine))
                .body("decisions[0].apply_after", nullValue());

        // The engine's rollout of 2.0.0 is rolled back: the model goes back to one 1.4.0 loads, first.
        RolloutStateWriter.write(
                redis,
                keys,
                json,
                new FamilyRolloutState(
                        engine,
                        1,
                        Instant.now(),
                        List.of(new ChannelState(
                                "stable",
                                "1.4.0",
                                null,
                                List.of(new RolledBackRollout(
                                        "r-e", "1.4.0", List.of("2.0.0"), "crash rate 4.2%", Instant.now()))))),
                true);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "ROLLBACK"
                .equals(checkBoth(engine, "2.0.0", family, "3.0.0").extract().path("decisions[0].action")));
        checkBoth(engine, "2.0.0", family, "3.0.0")
                .body("decisions[0].version", is("1.4.0"))
                .body("decisions[0].reason", is("ROLLOUT_ROLLED_BACK"))
                .body("decisions[0].apply_after", is(family))
                .body("decisions[1].action", is("ROLLBACK"))
                .body("decisions[1].reason", is("ENGINE_CHANGED"))
                .body("decisions[1].version", is("2.0.0"));

        // The catalog shows what it was told.
        given().header("Authorization", CatalogApi.PUBLISHER)
                .get("/api/v1/families/" + family + "/versions/3.0.0")
                .then()
                .statusCode(200)
                .body("interface", is("chat@2"))
                .body("artifacts[1].adapts_interface", is("chat@1"));
    }
}
