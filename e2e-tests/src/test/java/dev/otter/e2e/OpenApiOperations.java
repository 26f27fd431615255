package dev.otter.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every operation a service's OpenAPI document lists, with the roles its security requirement names. */
final class OpenApiOperations {
    /** Endpoints devices (or anyone) call without an operator token. */
    static final Set<String> PUBLIC = Set.of(
            "POST /v1/update-check",
            "GET /v1/manifest.json",
            "GET /v1/model/info",
            "POST /v1/model/update",
            "GET /v1/families/{family}/manifest.json",
            "GET /v1/families/{family}/model/info",
            "POST /v1/families/{family}/model/update",
            "GET /health",
            "GET /.well-known/otter-keys.json",
            "POST /v1/telemetry/events");

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private OpenApiOperations() {}

    /** One operation: base URL, method, path template, and the roles that may call it (empty if none named). */
    record Operation(String baseUrl, String method, String path, List<String> roles, JsonNode spec) {
        String key() {
            return method + " " + path;
        }

        boolean isPublic() {
            return PUBLIC.contains(key());
        }

        /** The path with each template variable replaced by {@code value} (already URL-encoded). */
        String url(String value) {
            return baseUrl + path.replaceAll("\\{[^}]+}", value);
        }
    }

    static List<Operation> of(String baseUrl) {
        Http.Answer doc = Http.send("GET", baseUrl + "/q/openapi?format=json", Map.of(), null);
        if (doc.status() != 200) {
            throw new IllegalStateException("no OpenAPI document at " + baseUrl + ": " + doc.status());
        }
        JsonNode paths;
        try {
            paths = new ObjectMapper().readTree(doc.body()).path("paths");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> method = m.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                List<String> roles = new ArrayList<>();
                for (JsonNode requirement : method.getValue().path("security")) {
                    requirement.fields().forEachRemaining(scheme -> scheme.getValue()
                            .forEach(role -> roles.add(role.asText())));
                }
                operations.add(new Operation(
                        baseUrl,
                        method.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        roles,
                        method.getValue()));
            }
        }
        return operations;
    }
}
