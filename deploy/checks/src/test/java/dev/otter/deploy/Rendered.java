package dev.otter.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An overlay rendered by {@code kubectl kustomize}, as JSON trees, one per object. */
final class Rendered {
    static final Path ROOT = Path.of(System.getProperty("otter.repo.root", "../.."));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Rendered() {}

    static List<JsonNode> overlay(String name) throws IOException, InterruptedException {
        return kustomization(ROOT.resolve("deploy/k8s/overlays").resolve(name));
    }

    /** Any kustomization directory, rendered. */
    static List<JsonNode> kustomization(Path dir) throws IOException, InterruptedException {
        String kubectl = System.getenv().getOrDefault("OTTER_KUBECTL", "kubectl");
        Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD) // deprecation warnings of newer kustomize
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed");
        }
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser =
                ((YAMLFactory) YAML.getFactory()).createParser(new String(out, StandardCharsets.UTF_8))) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            });
        }
        return objects;
    }
}
