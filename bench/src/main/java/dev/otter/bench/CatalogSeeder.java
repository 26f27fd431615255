package dev.otter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Publishes a synthetic catalog through the publisher API: N families × M versions × 2 tiers. */
final class CatalogSeeder {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;

    CatalogSeeder(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Seeds and returns the family names. */
    List<String> seed(String prefix, int families, int versionsPerFamily) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < families; f++) {
            String family = String.format("%s-%02d", prefix, f);
            names.add(family);
            post("/api/v1/families", Map.of("name", family));
            for (int v = 0; v < versionsPerFamily; v++) {
                String version = "1." + v + ".0";
                String path = "/api/v1/families/" + family + "/versions";
                post(path, Map.of("version", version, "release_notes", "benchmark build " + v));
                for (String tier : List.of("1b", "3b")) {
                    post(
                            path + "/" + version + "/artifacts",
                            Map.of(
                                    "tier", tier,
                                    "urls",
                                            List.of("https://cdn.example.com/" + family + "/" + version + "/" + tier
                                                    + ".gguf"),
                                    "size_bytes", tier.equals("1b") ? 612_000_000L : 1_740_000_000L,
                                    "sha256", sha(family + version + tier),
                                    "requirements",
                                            Map.of(
                                                    "min_app_version",
                                                    "3.0.0",
                                                    "min_ram_mb",
                                                    tier.equals("1b") ? 2048 : 6144,
                                                    "platforms",
                                                    List.of(Map.of("platform", "android", "min_os_version", "11")))));
                }
                post(path + "/" + version + "/publish", Map.of());
            }
        }
        return names;
    }

    private String post(String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("POST " + path + " -> " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The admin token the benchmark scripts mint ({@code OTTER_TOKEN}). */
    static String token() {
        String token = System.getenv("OTTER_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("OTTER_TOKEN is not set: run the benchmark through its script");
        }
        return token;
    }

    /** Registers the "bench" application and returns a new device key for it. */
    String appKey() throws IOException, InterruptedException {
        post("/api/v1/apps", Map.of("id", "bench", "name", "Benchmarks"));
        return json.readTree(post("/api/v1/apps/bench/keys", Map.of()))
                .path("key")
                .asText();
    }

    private static String sha(String seed) {
        String hex = Integer.toHexString(seed.hashCode()) + "0123456789abcdef".repeat(4);
        return hex.substring(0, 64);
    }
}
