package dev.otter.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.sdk.trust.TrustedKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Talks to the three services over HTTP: what a device and what an operator send. */
public final class OtterClient {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String manifest;
    private final String rollout;
    private final String telemetry;
    private final String operatorToken;
    private final String appKey;

    /**
     * A client for the services at these URLs; {@code operatorToken} (a JWT) goes with operator
     * calls, {@code appKey} with device calls. Either may be null when that side is not used.
     */
    public OtterClient(String manifest, String rollout, String telemetry, String operatorToken, String appKey) {
        this.manifest = manifest;
        this.rollout = rollout;
        this.telemetry = telemetry;
        this.operatorToken = operatorToken;
        this.appKey = appKey;
    }

    /** The device API's base URL (manifest-service). */
    public String manifestUrl() {
        return manifest;
    }

    /** Telemetry's base URL (telemetry-service). */
    public String telemetryUrl() {
        return telemetry;
    }

    /** The app key device calls present. */
    public String deviceKey() {
        return appKey();
    }

    /** An update stream of a device (not yet connected), on this client's connection pool. */
    UpdateStream stream(java.util.function.Supplier<String> query, Runnable onCheckNow) {
        return new UpdateStream(http, manifest, appKey(), query, onCheckNow);
    }

    /** The same client, presenting {@code key} on device calls. */
    public OtterClient withAppKey(String key) {
        return new OtterClient(manifest, rollout, telemetry, operatorToken, key);
    }

    private static final String APP_KEY_HEADER = "Otter-App-Key";

    private String bearer() {
        if (operatorToken == null) {
            throw new IllegalStateException("an operator call needs a token (--token, or the key in --key-dir)");
        }
        return "Bearer " + operatorToken;
    }

    private String appKey() {
        if (appKey == null) {
            throw new IllegalStateException("a device call needs an app key");
        }
        return appKey;
    }

    /** A failed call: the status and the problem document, if any. */
    public static final class CallFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        CallFailed(String what, int status, String body) {
            super(what + " -> " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The keys Otter signs answers with, as published at {@code /.well-known/otter-keys.json}. */
    public TrustedKeys trustedKeys() {
        try {
            return TrustedKeys.parse(
                    Json.MAPPER.writeValueAsBytes(catalog("GET", "/.well-known/otter-keys.json", null)));
        } catch (IOException e) {
            throw new UncheckedIOException("an unreadable key set", e);
        }
    }

    public JsonNode report(Object batch) {
        return send("POST", telemetry + "/v1/telemetry/events", batch, 202, true);
    }

    public JsonNode catalog(String method, String path, Object body) {
        return send(method, manifest + path, body, -1, false);
    }

    /** Uploads a model file to Otter's store (streamed from disk) and returns the stored file. */
    public JsonNode upload(java.nio.file.Path file, String sha256) {
        return upload(manifest + "/api/v1/uploads?sha256=" + sha256, file);
    }

    /** Uploads any other file (an engine build, an adapter) to Otter's store. */
    public JsonNode uploadBinary(java.nio.file.Path file, String sha256) {
        return upload(manifest + "/api/v1/uploads?kind=binary&sha256=" + sha256, file);
    }

    private JsonNode upload(String url, java.nio.file.Path file) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(10))
                    .header("Authorization", bearer())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 201) {
                throw new CallFailed("POST " + url, response.statusCode(), new String(response.body()));
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Registers application {@code app} if it is new and creates a device key for it (an admin
     * call); the key is only ever shown in this answer.
     */
    public String newAppKey(String app, String name) {
        try {
            catalog("POST", "/api/v1/apps", obj("id", app, "name", name));
        } catch (CallFailed e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        return catalog("POST", "/api/v1/apps/" + app + "/keys", null)
                .path("key")
                .asText();
    }

    public JsonNode rollouts(String method, String path, Object body) {
        return send(method, rollout + path, body, -1, false);
    }

    public JsonNode telemetry(String path) {
        return send("GET", telemetry + path, null, 200, false);
    }

    private JsonNode send(String method, String url, Object body, int expected, boolean device) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (device) {
                request.header(APP_KEY_HEADER, appKey());
            } else {
                request.header("Authorization", bearer());
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            boolean ok = expected < 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
            if (!ok) {
                throw new CallFailed(method + " " + url, response.statusCode(), new String(response.body()));
            }
            return response.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Convenience for small JSON objects. */
    public static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
