package dev.otter.manifest.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.otter.devtokens.DevKeys;
import dev.otter.devtokens.DevTokens;
import dev.otter.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service-to-service trust: projected service-account tokens of a "cluster" (a key pair of the
 * test's own standing in for the cluster's issuer) are accepted beside operator tokens, only with the
 * otter audience, at most an hour long, from a known account of the namespace, with that account's
 * roles and no more.
 */
@QuarkusTest
@TestProfile(ServiceTokenTest.Cluster.class)
class ServiceTokenTest {
    private static final String ISSUER = "https://cluster.test/issuer";
    private static final Path CLUSTER_KEYS = Path.of("target", "cluster-keys").toAbsolutePath();
    private static final String ROLLOUT = "system:serviceaccount:otter-ns:rollout-service";

    /** The cluster's issuer and keys, the namespace the calling accounts live in. */
    public static class Cluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            DevKeys.loadOrCreate(CLUSTER_KEYS);
            return Map.of(
                    "otter.security.service-tokens.issuer",
                    ISSUER,
                    "otter.security.service-tokens.keys",
                    CLUSTER_KEYS.resolve(DevKeys.PUBLIC_FILE).toString(),
                    "otter.security.service-tokens.namespace",
                    "otter-ns");
        }
    }

    private static String serviceToken(String subject, String audience, Instant issuedAt, Duration lifetime) {
        PrivateKey cluster = DevKeys.loadOrCreate(CLUSTER_KEYS).getPrivate();
        return DevTokens.mintServiceAccount(cluster, ISSUER, subject, audience, issuedAt, lifetime);
    }

    private static int families(String token) {
        return given().auth().oauth2(token).get("/api/v1/families").statusCode();
    }

    @Test
    void aProjectedTokenOfRolloutServiceReadsAsAViewer() {
        String token = serviceToken(ROLLOUT, "otter", Instant.now(), Duration.ofMinutes(15));
        given().auth().oauth2(token).get("/api/v1/families").then().statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("name", "svc-family"))
                .post("/api/v1/families")
                .then()
                .statusCode(403);
        // plain Vert.x routes (uploads) verify through the same trust
        given().auth()
                .oauth2(token)
                .contentType("application/octet-stream")
                .body(new byte[] {1})
                .post("/api/v1/uploads?sha256=" + "a".repeat(64))
                .then()
                .statusCode(403)
                .body("detail", containsString("publisher"));
    }

    @Test
    void tokensForAnotherAudienceLongerThanAnHourOrExpiredAreRefused() {
        Instant now = Instant.now();
        assertThat(families(serviceToken(ROLLOUT, "vault", now, Duration.ofMinutes(15))))
                .as("audience")
                .isEqualTo(401);
        assertThat(families(serviceToken(ROLLOUT, "otter", now, Duration.ofHours(2))))
                .as("two-hour lifetime")
                .isEqualTo(401);
        assertThat(families(serviceToken(ROLLOUT, "otter", now.minus(Duration.ofMinutes(30)), Duration.ofMinutes(10))))
                .as("expired")
                .isEqualTo(401);
    }

    @Test
    void onlyKnownAccountsOfTheNamespaceSignedByTheClusterAreTrusted() {
        Instant now = Instant.now();
        Duration lifetime = Duration.ofMinutes(15);
        assertThat(families(serviceToken("system:serviceaccount:otter-ns:someone", "otter", now, lifetime)))
                .as("an account without roles")
                .isEqualTo(401);
        assertThat(families(serviceToken("system:serviceaccount:elsewhere:rollout-service", "otter", now, lifetime)))
                .as("another namespace")
                .isEqualTo(401);
        PrivateKey operators = DevKeys.loadOrCreate(TestTokens.KEY_DIR).getPrivate();
        assertThat(families(DevTokens.mintServiceAccount(operators, ISSUER, ROLLOUT, "otter", now, lifetime)))
                .as("the cluster's issuer, signed by another key")
                .isEqualTo(401);
        assertThat(families(TestTokens.forRoles("olivia", "viewer")))
                .as("operators' tokens still work")
                .isEqualTo(200);
    }
}
