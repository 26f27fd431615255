package dev.otter.e2e;

import static io.restassured.RestAssured.given;

import dev.otter.devtokens.DevKeys;
import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.S3Mock;
import dev.otter.testsupport.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under end-to-end test, started once per test JVM: a private Redis (so a test can stop
 * it), and the three packaged services and the console as separate processes on their own ports, namespace {@code
 * otter-e2e} and {@code *_e2e} databases (emptied at start). PostgreSQL and Kafka are the shared
 * local ones. Any service can be stopped and started again.
 */
final class OtterSystem {
    static final int MANIFEST_PORT = 28081;
    static final int ROLLOUT_PORT = 28082;
    static final int TELEMETRY_PORT = 28083;
    static final int CONSOLE_PORT = 28084;
    static final String NAMESPACE = "otter-e2e";

    private static final String ADMIN_TOKEN = TestTokens.forRoles("e2e", "admin");
    private static OtterSystem shared;
    private String appKey;

    private final Path root = Path.of(System.getProperty("otter.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private final Path logs =
            Path.of(System.getProperty("otter.e2e.logs", "target/e2e-logs")).toAbsolutePath();
    private final int redisPort;
    private final ManagedProcess redis;
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = Map.of(
            "manifest-service",
            MANIFEST_PORT,
            "rollout-service",
            ROLLOUT_PORT,
            "telemetry-service",
            TELEMETRY_PORT,
            "console",
            CONSOLE_PORT);

    private OtterSystem() throws IOException {
        redisPort = freePort();
        redis = new ManagedProcess(
                "redis",
                List.of(
                        "redis-server",
                        "--port",
                        Integer.toString(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no"),
                logs,
                Map.of(),
                logs);
    }

    /** The running system, started on first use and stopped when the JVM exits. */
    static synchronized OtterSystem get() throws Exception {
        if (shared == null) {
            OtterSystem system = new OtterSystem();
            Runtime.getRuntime().addShutdownHook(new Thread(system::stopQuietly));
            system.start();
            shared = system;
        }
        return shared;
    }

    private void start() throws Exception {
        startRedis();
        Map<String, String> common = Map.of(
                "OTTER_REDIS_PORT", Integer.toString(redisPort),
                "OTTER_NAMESPACE", NAMESPACE,
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "OTTER_MIGRATIONS_CLEAN_AT_START", "true",
                "OTTER_JWT_PUBLIC_KEY",
                        TestTokens.KEY_DIR.resolve(DevKeys.PUBLIC_FILE).toString(),
                // The fleets here live compressed days from one address: far above real devices' budgets.
                "OTTER_DEVICE_RATE_LIMIT_PER_INSTALL", "100000",
                "OTTER_DEVICE_RATE_LIMIT_PER_ADDRESS", "10000000");
        DevKeys.loadOrCreate(TestTokens.KEY_DIR);
        define(
                "rollout-service",
                common,
                Map.of(
                        "OTTER_ROLLOUT_PORT",
                        Integer.toString(ROLLOUT_PORT),
                        "OTTER_ROLLOUT_DB",
                        "otter_rollout_e2e",
                        "OTTER_CATALOG_URL",
                        "http://127.0.0.1:" + MANIFEST_PORT,
                        "OTTER_TELEMETRY_URL",
                        "http://127.0.0.1:" + TELEMETRY_PORT,
                        "OTTER_ROLLOUT_SNAPSHOT_REPUBLISH_INTERVAL",
                        "1s",
                        "OTTER_ROLLOUT_AUTO_ADVANCE_INTERVAL",
                        "1s",
                        "OTTER_ROLLOUT_RELEASE_WATCH_FOLLOW_INTERVAL",
                        "1s",
                        // its own short-lived tokens, minted with the test key
                        "OTTER_ROLLOUT_IDENTITY_KEY_FILE",
                        TestTokens.KEY_DIR.resolve(DevKeys.PRIVATE_FILE).toString()));
        // Model files live in a real S3-compatible bucket, as in production: devices download them
        // through pre-signed links.
        S3Mock s3 = S3Mock.get();
        define(
                "manifest-service",
                withAll(
                        common,
                        Map.of(
                                "OTTER_MANIFEST_ARTIFACTS_STORE", "s3",
                                "OTTER_MANIFEST_ARTIFACTS_S3_ENDPOINT", s3.endpoint(),
                                "OTTER_MANIFEST_ARTIFACTS_S3_BUCKET", S3Mock.BUCKET,
                                "OTTER_MANIFEST_ARTIFACTS_S3_PATH_STYLE", "true",
                                "OTTER_MANIFEST_ARTIFACTS_S3_ACCESS_KEY", "e2e-key",
                                "OTTER_MANIFEST_ARTIFACTS_S3_SECRET_KEY", "e2e-secret",
                                "OTTER_MANIFEST_ARTIFACTS_S3_PREFIX", "e2e-" + System.currentTimeMillis() + "/")),
                Map.of(
                        "OTTER_MANIFEST_PORT", Integer.toString(MANIFEST_PORT),
                        "OTTER_MANIFEST_DB", "otter_manifest_e2e",
                        "OTTER_ARTIFACTS_DIR",
                                logs.resolveSibling("e2e-artifacts").toString(),
                        "OTTER_SIGNING_KEY_FILE",
                                logs.resolveSibling("e2e-signing/dev-1.key").toString(),
                        "OTTER_MANIFEST_ROLLOUT_RECONCILE_INTERVAL", "1s",
                        "OTTER_MANIFEST_ROLLOUT_RETRY_DELAY", "500ms",
                        "OTTER_MANIFEST_CATALOG_RETRY_DELAY", "500ms"));
        define(
                "telemetry-service",
                common,
                Map.of(
                        "OTTER_TELEMETRY_PORT", Integer.toString(TELEMETRY_PORT),
                        "OTTER_TELEMETRY_DB", "otter_telemetry_e2e",
                        "OTTER_TELEMETRY_COUNTING_ROLLUP_INTERVAL", "2s"));
        define(
                "console",
                common,
                Map.of(
                        "OTTER_CONSOLE_PORT", Integer.toString(CONSOLE_PORT),
                        "OTTER_MANIFEST_URL", manifestUrl(),
                        "OTTER_ROLLOUT_URL", rolloutUrl(),
                        "OTTER_TELEMETRY_URL", telemetryUrl(),
                        "OTTER_CONSOLE_DEV_LOGIN_KEY",
                                TestTokens.KEY_DIR.resolve(DevKeys.PRIVATE_FILE).toString(),
                        "OTTER_CONSOLE_HEALTH_REFRESH", "1s"));
        // rollout-service first: manifest-service is only ready once the rollout state is published.
        for (ManagedProcess p : services.values()) {
            p.start();
        }
        for (String name : services.keySet()) {
            awaitReady(name);
        }
        // Devices need an app key: made the way an admin makes one, then sent by default.
        DefaultCredentials.install(ADMIN_TOKEN, null);
        String key = given().contentType("application/json")
                .body(Map.of("id", "e2e", "name", "End-to-end tests"))
                .post(manifestUrl() + "/api/v1/apps")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        appKey = given().post(manifestUrl() + "/api/v1/apps/" + key + "/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        DefaultCredentials.install(ADMIN_TOKEN, appKey);
    }

    /** An admin token for operator calls; RestAssured sends it by default. */
    static String adminToken() {
        return ADMIN_TOKEN;
    }

    /** The e2e application's device key; RestAssured sends it by default. */
    static String appKey() {
        return shared.appKey;
    }

    private static Map<String, String> withAll(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private void define(String name, Map<String, String> common, Map<String, String> own) {
        Map<String, String> env = new HashMap<>(common);
        env.putAll(own);
        services.put(name, ManagedProcess.service(root, name, name, env, logs));
    }

    /** Stops one service (SIGTERM, as an orchestrator would). */
    void stop(String service) throws InterruptedException {
        services.get(service).stop();
    }

    /** Starts a stopped service again, keeping its data, and waits until it is ready. */
    void start(String service) throws Exception {
        services.get(service).override("OTTER_MIGRATIONS_CLEAN_AT_START", "false");
        services.get(service).start();
        awaitReady(service);
    }

    private void awaitReady(String name) throws Exception {
        int port = ports.get(name);
        services.get(name).awaitReady(Duration.ofSeconds(90), () -> ready(port));
    }

    /** Starts (or restarts, on the same port) the private Redis. */
    void startRedis() throws Exception {
        redis.start();
        redis.awaitReady(Duration.ofSeconds(10), () -> portOpen(redisPort));
    }

    /** Stops the private Redis: the services lose it. */
    void stopRedis() throws InterruptedException {
        redis.stop();
    }

    /** Runs one command against the private Redis with redis-cli and returns its output. */
    String redis(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(redisPort)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    static String manifestUrl() {
        return "http://127.0.0.1:" + MANIFEST_PORT;
    }

    static String rolloutUrl() {
        return "http://127.0.0.1:" + ROLLOUT_PORT;
    }

    static String telemetryUrl() {
        return "http://127.0.0.1:" + TELEMETRY_PORT;
    }

    static String consoleUrl() {
        return "http://127.0.0.1:" + CONSOLE_PORT;
    }

    static String kafkaBootstrap() {
        return System.getenv().getOrDefault("OTTER_KAFKA_BOOTSTRAP", "127.0.0.1:59092");
    }

    static boolean ready(int port) {
        try {
            return given().get("http://127.0.0.1:" + port + "/q/health/ready").statusCode() == 200;
        } catch (Exception e) { // RestAssured rethrows ConnectException unchecked
            return false;
        }
    }

    static boolean portOpen(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void stopQuietly() {
        for (ManagedProcess p : services.values()) {
            try {
                p.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            redis.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
