package dev.otter.manifest.update;

import static dev.otter.manifest.testing.CatalogApi.checkBody;
import static dev.otter.manifest.testing.CatalogApi.createFamily;
import static dev.otter.manifest.testing.CatalogApi.publish;
import static dev.otter.manifest.testing.CatalogApi.uniqueFamily;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.otter.contract.AppKeys;
import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed clients that cannot send an app key, through PostgreSQL and Redis: off by default; an admin
 * opens one family's legacy endpoints to them (audited, with a reason); then a client written to
 * seed 000 or 001 is answered on that family's paths only — never for another family, never on the
 * update check — until it is closed again.
 */
@QuarkusTest
class LegacyKeylessTest {
    private static RequestSpecification withoutKey() {
        return given().header(AppKeys.HEADER, DefaultCredentials.NONE);
    }

    private static ValidatableResponse legacyAccess(String family, boolean keyless, String reason) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("keyless", keyless, "reason", reason))
                .put("/api/v1/families/" + family + "/legacy-access")
                .then();
    }

    private static ValidatableResponse updateWithoutKey(String path, Map<String, Object> body) {
        return withoutKey().contentType(ContentType.JSON).body(body).post(path).then();
    }

    @Test
    void anAdminOpensOneFamilyToKeylessSeedClientsOnItsLegacyPathsOnlyAndEveryChangeIsAudited() {
        String open = uniqueFamily("keyless");
        String closed = uniqueFamily("keyed");
        createFamily(open).statusCode(201);
        createFamily(closed).statusCode(201);
        publish(open, "1.0.0");
        publish(closed, "1.0.0");

        withoutKey()
                .get("/v1/families/" + open + "/manifest.json")
                .then()
                .statusCode(401)
                .body("code", is("APP_KEY_REJECTED"));
        given().header("Authorization", TestTokens.bearer(TestTokens.forRoles("pat", "publisher")))
                .contentType(ContentType.JSON)
                .body(Map.of("keyless", true, "reason", "seed-000 clients in the field"))
                .put("/api/v1/families/" + open + "/legacy-access")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("keyless", true))
                .put("/api/v1/families/" + open + "/legacy-access")
                .then()
                .statusCode(400);
        legacyAccess(open, true, "seed-000 clients in the field")
                .statusCode(200)
                .body("legacy_keyless", is(true));

        // A client written to seed 000: a plain GET, no key, the family in the path or the query.
        withoutKey()
                .get("/v1/families/" + open + "/manifest.json")
                .then()
                .statusCode(200)
                .header("Otter-API-Version", "1")
                .header("Deprecation", org.hamcrest.Matchers.nullValue())
                .body("current_version", is("1.0.0"))
                .body("models.1b.sha256", is(dev.otter.manifest.testing.CatalogApi.sha256("1.0.0", "1b")));
        withoutKey().get("/v1/manifest.json?family=" + open).then().statusCode(200);
        // A client written to seed 001: model info and update, no key.
        withoutKey()
                .get("/v1/families/" + open + "/model/info")
                .then()
                .statusCode(200)
                .body("version", is("1.0.0"));
        updateWithoutKey(
                        "/v1/families/" + open + "/model/update",
                        Map.of("device_id", "seed-001-device", "current_version", "v0.9"))
                .statusCode(200)
                .body("need_update", is(true))
                .body("target_version", is("1.0.0"));

        // Never another family, even when the query names the open one and the body the other; never the update check.
        withoutKey().get("/v1/families/" + closed + "/manifest.json").then().statusCode(401);
        updateWithoutKey(
                        "/v1/model/update?family=" + open,
                        Map.of("device_id", "seed-001-device", "current_version", "v0.9", "family", closed))
                .statusCode(401)
                .body("code", is("APP_KEY_REJECTED"));
        withoutKey()
                .contentType(ContentType.JSON)
                .body(checkBody(open, null, "1b", 8192, "stable"))
                .post("/v1/update-check")
                .then()
                .statusCode(401);

        legacyAccess(open, false, "the app now ships a key").statusCode(200).body("legacy_keyless", is(false));
        withoutKey().get("/v1/families/" + open + "/manifest.json").then().statusCode(401);
        given().get("/v1/families/" + open + "/manifest.json").then().statusCode(200); // with the key, as always
        given().get("/api/v1/families/" + open + "/history")
                .then()
                .statusCode(200)
                .body("", hasSize(2))
                .body("[0].action", is("LEGACY_KEYLESS_ON"))
                .body("[0].actor", is(TestTokens.ADMIN_SUBJECT))
                .body("[0].detail", is("seed-000 clients in the field"))
                .body("[1].action", is("LEGACY_KEYLESS_OFF"))
                .body("[1].detail", is("the app now ships a key"));
        legacyAccess("no-such-family", true, "x").statusCode(404).body("code", is("FAMILY_NOT_FOUND"));
    }
}
