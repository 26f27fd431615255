package dev.otter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The Compose file (no Docker runs here) agrees with the services' ports, settings and topics. */
class ComposeFileTest {

    @Test
    void servicesPortsSettingsAndTopicsMatchTheirConfiguration() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(Rendered.ROOT
                        .resolve("deploy/compose/docker-compose.yml")
                        .toFile());
        JsonNode services = compose.path("services");
        for (ServiceSettings service : ServiceSettings.all().values()) {
            JsonNode definition = services.path(service.name());
            String port = String.valueOf(service.port());
            assertThat(definition.path("ports").get(0).asText()).isEqualTo(port + ":" + port);
            JsonNode environment = definition.path("environment");
            String portVariable =
                    "OTTER_" + service.name().replace("-service", "").toUpperCase() + "_PORT";
            assertThat(environment.path(portVariable).asText()).isEqualTo(port);
            for (String variable : service.requiredEnvironment()) {
                if (variable.startsWith("OTTER_")
                        && !variable.equals("OTTER_TELEMETRY_INSTALL_ID_KEY")
                        && !variable.startsWith("OTTER_MANIFEST_ARTIFACTS")
                        && !variable.startsWith("OTTER_MANIFEST_SIGNING")) {
                    assertThat(environment.has(variable))
                            .as(service.name() + " " + variable)
                            .isTrue();
                }
            }
            assertThat(definition.path("build").path("dockerfile").asText())
                    .isEqualTo("../deploy/docker/Dockerfile.jvm");
        }
        String topics = services.path("kafka-topics").path("command").get(0).asText();
        for (String line : Files.readAllLines(Rendered.ROOT.resolve("deploy/local/topics.conf"))) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && !line.startsWith("#")) {
                assertThat(topics).contains(parts[0] + ":" + parts[1]);
            }
        }
    }
}
