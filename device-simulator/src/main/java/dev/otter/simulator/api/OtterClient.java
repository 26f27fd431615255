package dev.otter.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
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

    public OtterClient(String manifest, String rollout, String telemetry) {
        this.manifest = manifest;
        this.rollout = rollout;
        this.telemetry = telemetry;
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

    public JsonNode updateCheck(Object body) {
        return send("POST", manifest + "/v1/update-check", body, 200);
    }

    /** A signed answer: the exact bytes and the Otter-Signature header; parse only after verifying. */
    public record SignedAnswer(byte[] body, String signature) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("a signed answer that is not JSON", e);
            }
        }
    }

    /** An update check whose answer is kept as received, for its signature to be checked. */
    public SignedAnswer updateCheckSigned(Object body) {
        String url = manifest + "/v1/update-check";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new CallFailed("POST " + url, response.statusCode(), new String(response.body()));
            }
            return new SignedAnswer(
                    response.body(),
                    response.headers().firstValue("Otter-Signature").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public JsonNode report(Object batch) {
        return send("POST", telemetry + "/v1/telemetry/events", batch, 202);
    }

    public JsonNode catalog(String method, String path, Object body) {
        return send(method, manifest + path, body, -1);
    }

    /** Uploads a model file to Otter's store (streamed from disk) and returns the stored file. */
    public JsonNode upload(java.nio.file.Path file, String sha256) {
        String url = manifest + "/api/v1/uploads?sha256=" + sha256;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(10))
                    .header("X-Otter-Actor", "simulator")
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

    public JsonNode rollouts(String method, String path, Object body) {
        return send(method, rollout + path, body, -1);
    }

    public JsonNode telemetry(String path) {
        return send("GET", telemetry + path, null, 200);
    }

    private JsonNode send(String method, String url, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-Otter-Actor", "simulator");
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
