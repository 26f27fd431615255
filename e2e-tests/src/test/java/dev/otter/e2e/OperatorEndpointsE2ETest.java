package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint in the three services' OpenAPI documents (including the upload route, which is
 * documented by hand) is either a known public device endpoint or names the roles that may call
 * it, answers 401 without a token and 403 to every role that does not carry the right: so a new
 * endpoint cannot ship unprotected. Device endpoints answer 401 without an app key.
 */
@Order(1)
class OperatorEndpointsE2ETest {
    /** Which roles each role carries (the documented hierarchy, restated here on purpose). */
    private static final Map<String, Set<String>> CARRIES = Map.of(
            "viewer", Set.of("viewer"),
            "publisher", Set.of("publisher", "viewer"),
            "operator", Set.of("operator", "viewer"),
            "admin", Set.of("admin", "publisher", "operator", "viewer"),
            "device", Set.of()); // a token without any Otter role

    private static List<OpenApiOperations.Operation> operations;

    @BeforeAll
    static void read() throws Exception {
        OtterSystem.get();
        operations = new ArrayList<>();
        for (String url : List.of(OtterSystem.manifestUrl(), OtterSystem.rolloutUrl(), OtterSystem.telemetryUrl())) {
            operations.addAll(OpenApiOperations.of(url));
        }
    }

    private static Map<String, String> headers(String role) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json"));
        if (role != null) {
            headers.put("Authorization", TestTokens.bearer(TestTokens.forRoles("probe-" + role, role)));
        }
        return headers;
    }

    private static byte[] body(OpenApiOperations.Operation op) {
        return op.method().equals("GET") || op.method().equals("DELETE") ? null : "{}".getBytes();
    }

    @Test
    void everyOperatorEndpointNamesItsRolesAndRefusesEveryoneElse() {
        List<String> checked = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (op.isPublic()) {
                continue;
            }
            assertThat(op.roles())
                    .as(op.key() + " must declare the roles that may call it")
                    .isNotEmpty();
            String url = op.url("probe-1");
            Http.Answer anonymous = Http.send(op.method(), url, headers(null), body(op));
            assertThat(anonymous.status()).as(op.key() + " without a token").isEqualTo(401);
            assertThat(anonymous.contentType()).as(op.key()).startsWith("application/problem+json");
            assertThat(anonymous.body()).as(op.key()).contains("\"AUTHENTICATION_REQUIRED\"");
            for (Map.Entry<String, Set<String>> role : CARRIES.entrySet()) {
                boolean allowed = op.roles().stream().anyMatch(role.getValue()::contains);
                if (allowed) {
                    continue;
                }
                Http.Answer answer = Http.send(op.method(), url, headers(role.getKey()), body(op));
                assertThat(answer.status())
                        .as(op.key() + " as " + role.getKey())
                        .isEqualTo(403);
                assertThat(answer.body()).as(op.key()).contains("\"FORBIDDEN\"");
            }
            if (op.method().equals("GET")) { // reads with the right role are not refused
                String role = op.roles().get(0);
                int status = Http.send("GET", url, headers(role), null).status();
                assertThat(status).as(op.key() + " as " + role).isNotIn(401, 403);
            }
            checked.add(op.key());
        }
        assertThat(checked).contains("POST /api/v1/uploads", "POST /api/v1/rollouts", "POST /api/v1/apps");
        assertThat(checked).hasSizeGreaterThan(30);
    }

    @Test
    void deviceEndpointsWantAnAppKey() {
        List<String> checked = new ArrayList<>();
        for (OpenApiOperations.Operation op : operations) {
            if (!op.isPublic() || op.key().equals("GET /health") || op.key().contains("otter-keys")) {
                continue;
            }
            Http.Answer answer = Http.send(op.method(), op.url("x"), headers(null), body(op));
            assertThat(answer.status()).as(op.key() + " without an app key").isEqualTo(401);
            assertThat(answer.body()).as(op.key()).contains("\"APP_KEY_REJECTED\"");
            assertThat(answer.apiVersion())
                    .as(op.key() + " states the device API version")
                    .isEqualTo("1");
            checked.add(op.key());
        }
        assertThat(checked).hasSize(OpenApiOperations.PUBLIC.size() - 2);
    }
}
