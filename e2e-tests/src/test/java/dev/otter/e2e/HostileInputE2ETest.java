package dev.otter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.testsupport.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Well over a thousand generated malformed requests — broken JSON, wrong types, huge values, unicode
 * edge cases, injection strings, missing fields, hostile identifiers, wrong content types — to every
 * device and operator endpoint (from the OpenAPI documents, plus the download route), with valid
 * credentials so they reach validation. None may fail the service (5xx), every refusal is a
 * problem+json document with a code, and nothing stored in any database changes.
 */
@Order(2)
class HostileInputE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> BROKEN = List.of(
            "{",
            "{\"a\":",
            "[",
            "nul",
            "\"",
            "{\"a\":1,}",
            "{'a':1}",
            "\u0000",
            "{\"a\" 1}",
            "}{",
            "[1,2",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\ud800\"}",
            "\u00ff\u00fe",
            "{\"a\":01}",
            "{\"a\":NaN}",
            "{\"a\":.5}");

    private static final List<String> WRONG_SHAPES = List.of("[]", "\"text\"", "123", "true", "null", "{}", "[{}]");

    private static final List<Object> HOSTILE_VALUES = List.of(
            1,
            -1,
            1.5,
            true,
            List.of(),
            Map.of(),
            "x",
            "",
            " ",
            "A".repeat(70_000),
            "9".repeat(60),
            new java.math.BigDecimal("1e400"),
            Long.MIN_VALUE,
            "\u0000",
            "\u202eevil",
            "😀",
            "ａｄｍｉｎ",
            "e\u0301",
            "\uFEFF",
            "\r\nX-Injected: 1",
            "' OR '1'='1",
            "'; DROP TABLE model_family; --",
            "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "%00",
            "{{7*7}}",
            "$(reboot)",
            List.of("' OR 1=1"),
            Map.of("$gt", ""),
            List.of(List.of(List.of(List.of()))));

    private static final List<String> HOSTILE_IDS = List.of(
            enc("..") + "%2F" + enc(".."),
            "%00",
            enc("'; DROP TABLE app; --"),
            "x".repeat(300),
            enc("😀"),
            enc("<script>"),
            enc("${jndi:x}"),
            "%E2%80%AE",
            enc("a b"),
            "-1");

    private final Random random = new Random(20261122);
    private final Map<String, Integer> byEndpoint = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int sent;

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void malformedRequestsNeverFailAServiceNorChangeWhatIsStored() throws Exception {
        OtterSystem.get();
        Api.publish("hostile", "1.0.0", "2.0.0"); // real ids, so some requests get past "not found"
        // rollout-service mirrors each channel's newest version from the catalog in the background:
        // let it catch up, so the fingerprint holds only what a request could change
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> Api.get(OtterSystem.rolloutUrl() + "/api/v1/release-watches/newest-seen?family=hostile")
                        .getList("version")
                        .contains("2.0.0"));
        Map<String, String> before = StoredState.fingerprint();

        List<OpenApiOperations.Operation> operations = new ArrayList<>();
        Set<String> fields = new TreeSet<>(Set.of("name", "version", "install_id", "events", "id", "family"));
        for (String url : List.of(OtterSystem.manifestUrl(), OtterSystem.rolloutUrl(), OtterSystem.telemetryUrl())) {
            operations.addAll(OpenApiOperations.of(url));
            fields.addAll(fieldNames(url));
        }
        for (OpenApiOperations.Operation op : operations) {
            fuzz(op, new ArrayList<>(fields));
        }
        fuzzDownloads();

        System.out.printf("hostile input: %d requests to %d endpoints%n", sent, byEndpoint.size());
        assertThat(failures).as("requests that failed the rules").isEmpty();
        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(1000);
        assertThat(byEndpoint).as("every endpoint was exercised").hasSizeGreaterThan(40);
        assertThat(StoredState.fingerprint()).as("stored state").isEqualTo(before);
    }

    private void fuzz(OpenApiOperations.Operation op, List<String> fields) throws Exception {
        String json = "application/json";
        boolean upload = op.path().equals("/api/v1/uploads");
        String realish = op.path().contains("{family}") ? "hostile" : "probe";
        for (String id : HOSTILE_IDS) {
            send(op, op.url(id), json, "{}".getBytes(StandardCharsets.UTF_8));
        }
        for (String body : BROKEN) {
            send(op, op.url(realish), json, body.getBytes(StandardCharsets.UTF_8));
        }
        for (String body : WRONG_SHAPES) {
            send(op, op.url(realish), json, body.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 8; i++) {
            send(op, op.url(realish), json, JSON.writeValueAsBytes(hostileObject(fields)));
        }
        send(op, op.url(realish), json, ("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}").getBytes());
        send(op, op.url(realish), "text/plain", "{}".getBytes());
        send(op, op.url(realish), "application/xml", "<a/>".getBytes());
        send(op, op.url(realish) + "?limit=-1&hours=1e99&status=%00&family=" + enc("' OR 1=1"), json, "{}".getBytes());
        if (upload) {
            String base = op.url("x");
            send(op, base + "?sha256=" + "a".repeat(64), "application/octet-stream", new byte[4096]);
            send(op, base + "?sha256=" + enc("' OR 1=1"), "application/octet-stream", new byte[10]);
            send(op, base, "application/octet-stream", new byte[10]);
        }
    }

    private Map<String, Object> hostileObject(List<String> fields) {
        Map<String, Object> body = new HashMap<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            body.put(
                    fields.get(random.nextInt(fields.size())),
                    HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
        }
        return body;
    }

    private void fuzzDownloads() {
        OpenApiOperations.Operation download =
                new OpenApiOperations.Operation(OtterSystem.manifestUrl(), "GET", "/v1/files/{sha}", List.of(), null);
        for (String id : HOSTILE_IDS) {
            send(download, download.url(id) + "?expires=" + enc("1e99") + "&token=" + enc("' OR 1=1"), "", null);
        }
        String sha = "a".repeat(64);
        for (String query : List.of("", "?expires=-1", "?expires=99999999999&token=", "?token=%00&expires=abc")) {
            send(download, download.url(sha) + query, "", null);
        }
    }

    private void send(OpenApiOperations.Operation op, String url, String contentType, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", TestTokens.bearer(OtterSystem.adminToken()));
        headers.put("Otter-App-Key", OtterSystem.appKey());
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        boolean hasBody = !op.method().equals("GET") && !op.method().equals("DELETE");
        Http.Answer answer = Http.send(op.method(), url, headers, hasBody ? body : null);
        sent++;
        byEndpoint.merge(op.key(), 1, Integer::sum);
        String what = op.key() + " " + abbreviate(url) + " ["
                + abbreviate(body == null ? "" : new String(body, StandardCharsets.UTF_8)) + "] -> " + answer.status()
                + " " + abbreviate(answer.body());
        if (answer.status() >= 500) {
            failures.add("5xx: " + what);
        } else if (answer.status() >= 400
                && (!answer.contentType().startsWith("application/problem+json")
                        || !answer.body().contains("\"code\""))) {
            failures.add("not problem+json: " + what);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "…(" + s.length() + ")";
    }

    /** Property names of every schema in a service's OpenAPI document. */
    private static Set<String> fieldNames(String baseUrl) throws Exception {
        Http.Answer doc = Http.send("GET", baseUrl + "/q/openapi?format=json", Map.of(), null);
        Set<String> names = new TreeSet<>();
        JSON.readTree(doc.body()).path("components").path("schemas").forEach(schema -> schema.path("properties")
                .fieldNames()
                .forEachRemaining(names::add));
        return names;
    }
}
