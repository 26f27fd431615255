package dev.otter.console.backend.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Calls the services' operator APIs with the signed-in operator's own token, so every action the
 * console offers is decided by the same endpoint and the same role check as a curl call. Answers
 * are plain JSON trees (maps and lists) for the templates; a refusal becomes an {@link
 * ApiException} carrying the service's problem code and message.
 */
@ApplicationScoped
public class OtterApi {
    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public OtterApi(ConsoleConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.apiTimeout()).build();
    }

    /** GET, answering a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Service service, String path, String token) {
        return (Map<String, Object>) call("GET", service, path, null, token);
    }

    /** GET, answering a JSON array. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(Service service, String path, String token) {
        return (List<Map<String, Object>>) call("GET", service, path, null, token);
    }

    /** POST with a JSON body (or none); the answer, null when empty. */
    public Object post(Service service, String path, Object body, String token) {
        return call("POST", service, path, body, token);
    }

    /** PUT with a JSON body. */
    public Object put(Service service, String path, Object body, String token) {
        return call("PUT", service, path, body, token);
    }

    private Object call(String method, Service service, String path, Object body, String token) {
        URI uri = base(service).resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.apiTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw refusal(response);
            }
            return response.body().isBlank() ? null : json.readValue(response.body(), Object.class);
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "BAD_ANSWER", service + " answered something that is not JSON");
        } catch (IOException e) {
            throw new ApiException(
                    503, "BACKEND_UNAVAILABLE", service.name().toLowerCase() + "-service is not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "BACKEND_UNAVAILABLE", "interrupted");
        }
    }

    private ApiException refusal(HttpResponse<String> response) {
        String code = "HTTP_" + response.statusCode();
        String message = "refused (" + response.statusCode() + ")";
        try {
            Map<?, ?> problem = json.readValue(response.body(), Map.class);
            code = problem.get("code") == null ? code : problem.get("code").toString();
            Object detail = problem.containsKey("detail") ? problem.get("detail") : problem.get("title");
            message = detail == null ? message : detail.toString();
            if (problem.get("errors") instanceof List<?> errors) {
                for (Object error : errors) {
                    if (error instanceof Map<?, ?> field) {
                        message += "; " + field.get("field") + ": " + field.get("message");
                    }
                }
            }
        } catch (IOException | RuntimeException notProblem) {
            // Not problem+json (a proxy's page): keep the status line.
        }
        return new ApiException(response.statusCode(), code, message);
    }

    private URI base(Service service) {
        URI base =
                switch (service) {
                    case MANIFEST -> config.manifestUrl();
                    case ROLLOUT -> config.rolloutUrl();
                    case TELEMETRY -> config.telemetryUrl();
                };
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }
}
