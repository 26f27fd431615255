package dev.otter.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's own configuration says it needs: its port, its environment, its Kafka topics. */
record ServiceSettings(String name, int port, Set<String> requiredEnvironment, Set<String> topicSuffixes) {
    private static final Pattern ENV = Pattern.compile("\\$\\{(OTTER_[A-Z0-9_]+)");
    private static final Pattern PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{OTTER_[A-Z]+_PORT:(\\d+)}");
    private static final Pattern TOPIC =
            Pattern.compile("(?m)^mp\\.messaging\\.[a-z.-]+\\.topic=\\$\\{otter\\.namespace}\\.(\\S+)$");

    /**
     * Settings whose defaults only suit a developer machine, so a deployment must set them even
     * though the properties give a default: the Redis login (each service is its own ACL user),
     * the download-link secret and the signing key's "generate if missing".
     */
    private static final Map<String, Set<String>> MUST_OVERRIDE = Map.of(
            "manifest-service",
            Set.of(
                    "QUARKUS_REDIS_HOSTS",
                    "OTTER_MANIFEST_ARTIFACTS_TOKEN_SECRET",
                    "OTTER_MANIFEST_SIGNING_GENERATE_IF_MISSING"),
            "rollout-service",
            Set.of("QUARKUS_REDIS_HOSTS"),
            "telemetry-service",
            Set.of("QUARKUS_REDIS_HOSTS"),
            "console",
            Set.of());

    /**
     * Settings no deployment may give: the console's development login and rollout-service's minted
     * service tokens both sign with a local key.
     */
    static final Set<String> NEVER_DEPLOYED = Set.of("OTTER_CONSOLE_DEV_LOGIN_KEY", "OTTER_ROLLOUT_IDENTITY_KEY_FILE");

    /** Settings a deployment may leave out: a public OIDC client (PKCE) has no secret. */
    private static final Set<String> OPTIONAL = Set.of("OTTER_CONSOLE_OIDC_CLIENT_SECRET");

    // The console reads none of the backends' shared settings (it depends on no service-support).
    private static final Set<String> WITHOUT_SHARED = Set.of("console");

    static Map<String, ServiceSettings> all() throws IOException {
        String shared = Files.readString(
                Rendered.ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"));
        Map<String, ServiceSettings> services = new LinkedHashMap<>();
        for (String name : MUST_OVERRIDE.keySet().stream().sorted().toList()) {
            Path file = Rendered.ROOT.resolve(name).resolve("src/main/resources/application.properties");
            String own = Files.readString(file);
            Matcher port = PORT.matcher(own);
            if (!port.find()) {
                throw new IllegalStateException(file + " has no quarkus.http.port=${OTTER_*_PORT:n}");
            }
            Set<String> environment = new TreeSet<>(MUST_OVERRIDE.get(name));
            for (String text : WITHOUT_SHARED.contains(name) ? new String[] {own} : new String[] {shared, own}) {
                ENV.matcher(text).results().forEach(m -> environment.add(m.group(1)));
            }
            environment.removeAll(NEVER_DEPLOYED);
            environment.removeAll(OPTIONAL);
            Set<String> topics = new TreeSet<>();
            TOPIC.matcher(own).results().forEach(m -> topics.add(m.group(1)));
            services.put(name, new ServiceSettings(name, Integer.parseInt(port.group(1)), environment, topics));
        }
        return services;
    }
}
