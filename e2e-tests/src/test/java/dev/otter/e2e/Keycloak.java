package dev.otter.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the console's sign-in test: Keycloak's distribution (unpacked
 * by the build from Maven Central), in development mode on loopback, with the "otter" realm imported
 * (client otter-console with PKCE, Otter roles in the "groups" claim, a user per role). Keycloak
 * needs Java 21 or newer: the newest JDK under /usr/lib/jvm, or {@code -Dotter.keycloak.java-home}.
 */
final class Keycloak implements AutoCloseable {
    static final int PORT = 28180;
    static final String REALM = "otter";

    private final ManagedProcess process;

    private Keycloak(ManagedProcess process) {
        this.process = process;
    }

    /** Starts Keycloak and waits (at most 3 minutes: the first start builds) until the realm answers. */
    static Keycloak start(Path logs) throws Exception {
        Path home = Path.of(System.getProperty("otter.keycloak.home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(
                    home + "/bin/kc.sh is missing: the e2e build unpacks Keycloak (mvn verify)");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = Keycloak.class.getResourceAsStream("/keycloak-otter-realm.json")) {
            Files.copy(realm, imports.resolve("otter-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path java = javaHome();
        ManagedProcess process = new ManagedProcess(
                "keycloak",
                List.of(
                        "bash",
                        "bin/kc.sh",
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + PORT,
                        "--import-realm"),
                home,
                Map.of(
                        "JAVA_HOME",
                        java.toString(),
                        "PATH",
                        java.resolve("bin") + ":" + System.getenv("PATH"),
                        "JAVA_OPTS_APPEND",
                        "-Xmx512m"),
                logs);
        process.start();
        process.awaitReady(Duration.ofMinutes(3), () -> answers(issuer() + "/.well-known/openid-configuration"));
        return new Keycloak(process);
    }

    /** The realm's issuer, as its tokens carry it. */
    static String issuer() {
        return "http://127.0.0.1:" + PORT + "/realms/" + REALM;
    }

    /** The realm's signing keys. */
    static String jwks() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    // Keycloak 26 runs on Java 21+; the build and the services stay on the default JDK.
    private static Path javaHome() throws IOException {
        String configured = System.getProperty("otter.keycloak.java-home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                    .filter(jdk -> feature(jdk) >= 21)
                    .max(Comparator.comparingInt(Keycloak::feature))
                    .orElseThrow(
                            () -> new IllegalStateException(
                                    "Keycloak needs Java 21 or newer: none under /usr/lib/jvm (set -Dotter.keycloak.java-home)"));
        }
    }

    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            // not a JDK we can read: skip it
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        process.stop();
    }
}
