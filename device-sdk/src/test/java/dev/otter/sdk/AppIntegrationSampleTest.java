package dev.otter.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.DeviceFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's sample is this code, it compiles, and run twice against a real server it installs a model. */
class AppIntegrationSampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeShowsTheSampleAsCompiled() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/otter/sdk/AppIntegrationSample.java"));
        List<String> sample =
                source.subList(source.indexOf("        // README:begin") + 1, source.indexOf("        // README:end"));
        String expected = sample.stream()
                .map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains("```java\n" + expected + "\n```");
    }

    @Test
    void theSampleInstallsTheModelTheUserConfirmedAtTheNextStart() throws Exception {
        try (FakeOtter otter = new FakeOtter()) {
            byte[] v1 = Models.model(100_000, 1);
            otter.decide(Models.decision("UPDATE", "1.0.0", otter.serve("v1", v1), v1));
            byte[] keySet = ("{\"keys\":[{\"kid\":\"k1\",\"public_key\":\""
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(otter.publicKey()) + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            List<Path> loaded = new ArrayList<>();
            AppIntegrationSample.App app = new AppIntegrationSample.App() {
                @Override
                public DeviceFacts facts() {
                    return DeviceFacts.builder("3f1c9a2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8")
                            .platform("android")
                            .unmetered(true)
                            .build();
                }

                @Override
                public boolean userConfirms(Decision decision) {
                    return decision.notice().downloadBytes() == v1.length;
                }

                @Override
                public boolean loadModel(Path file) {
                    return true;
                }
            };

            AppIntegrationSample.run(otter.url(), "otk_test", keySet, dir, app, loaded::add); // downloads
            AppIntegrationSample.run(otter.url(), "otk_test", keySet, dir, app, loaded::add); // switches

            assertThat(loaded.get(0)).as("nothing installed at the first start").isNull();
            assertThat(Files.readAllBytes(loaded.get(1))).isEqualTo(v1);
            List<String> types = new ArrayList<>();
            for (JsonNode batch : otter.batches()) {
                batch.path("events")
                        .forEach(e -> types.add(e.path("type").asText() + " "
                                + e.path("update_stage").asText("")));
            }
            assertThat(types).contains("update downloaded", "update applied", "session ");
        }
    }
}
