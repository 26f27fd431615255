package dev.otter.e2e;

import dev.otter.devtokens.DevKeys;
import dev.otter.testsupport.DefaultCredentials;
import dev.otter.testsupport.S3Mock;
import dev.otter.testsupport.TestTokens;
import dev.otter.testsupport.redis.RedisCluster;
import dev.otter.testsupport.redis.RedisSentinel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The system scaled out, for the fault tests: two instances of each service (namespace {@code
 * otter-scale}, {@code *_scale} databases) on a three-master Redis Cluster or through a Sentinel
 * (a fresh primary and replica), models in S3, the shared
 * local PostgreSQL and Kafka; each service reached through a {@link Balancer} on one port, as
 * devices reach a Kubernetes Service. Instances can be killed (SIGKILL) and started again; the Kafka
 * broker can be restarted through {@code deploy/local/infra.sh}.
 */
final class ScaledSystem implements AutoCloseable {
    static final String NAMESPACE = "otter-scale";
    static final String ADMIN_TOKEN = TestTokens.forRoles("e2e", "admin");
    private static final List<String> SERVICES = List.of("rollout-service", "manifest-service", "telemetry-service");
    private static final Map<String, Integer> PUBLIC_PORTS =
            Map.of("manifest-service", 29081, "rollout-service", 29082, "telemetry-service", 29083);

    private final Path root = Path.of(System.getProperty("otter.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private final Path logs = Path.of(System.getProperty("otter.e2e.logs", "target/e2e-logs"))
            .toAbsolutePath()
            .resolve("scaled");
    private final Map<String, ManagedProcess> instances = new LinkedHashMap<>();
    private final Map<String, Integer> instancePorts = new HashMap<>();
    private final List<Balancer> balancers = new ArrayList<>();
    private RedisSentinel sentinel;

    /** The Redis topologies the system can run on. */
    enum Redis {
        CLUSTER,
        SENTINEL
    }

    /** Starts everything: the first instance of each service empties its database, the second joins. */
    static ScaledSystem start(Redis redis) throws Exception {
        ScaledSystem system = new ScaledSystem();
        system.launch(redis);
        return system;
    }

    /** The Sentinel topology, when the system runs through one. */
    RedisSentinel sentinel() {
        return sentinel;
    }

    private Map<String, String> redisEnvironment(Redis redis) throws IOException {
        if (redis == Redis.CLUSTER) {
            return Map.of(
                    "QUARKUS_REDIS_CLIENT_TYPE",
                    "cluster",
                    "QUARKUS_REDIS_HOSTS",
                    RedisCluster.get().hosts());
        }
        sentinel = RedisSentinel.start();
        return Map.of(
                "QUARKUS_REDIS_CLIENT_TYPE",
                "sentinel",
                "QUARKUS_REDIS_HOSTS",
                sentinel.sentinelUri(),
                "QUARKUS_REDIS_MASTER_NAME",
                RedisSentinel.MASTER,
                // counts wait for the replica, so that the failover loses none
                "OTTER_TELEMETRY_COUNTING_REPLICA_ACKS",
                "1");
    }

    private void launch(Redis redis) throws Exception {
        // idempotent: makes sure the otter-scale topics and *_scale databases exist
        infra("start");
        DevKeys.loadOrCreate(TestTokens.KEY_DIR);
        S3Mock s3 = S3Mock.get();
        Map<String, String> common = new HashMap<>(redisEnvironment(redis));
        common.putAll(Map.of(
                "OTTER_NAMESPACE", NAMESPACE,
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "OTTER_JWT_PUBLIC_KEY",
                        TestTokens.KEY_DIR.resolve(DevKeys.PUBLIC_FILE).toString(),
                "OTTER_DEVICE_RATE_LIMIT_PER_INSTALL", "100000",
                "OTTER_DEVICE_RATE_LIMIT_PER_ADDRESS", "10000000"));
        String prefix = "scale-" + System.currentTimeMillis() + "/";
        for (int n = 1; n <= 2; n++) {
            for (String service : SERVICES) {
                int port = PUBLIC_PORTS.get(service) + 100 * n;
                Map<String, String> env = new HashMap<>(common);
                env.putAll(own(service, port, n, s3, prefix));
                env.put("OTTER_MIGRATIONS_CLEAN_AT_START", n == 1 ? "true" : "false");
                String name = instance(service, n);
                instances.put(name, ManagedProcess.service(root, service, name, env, logs));
                instancePorts.put(name, port);
            }
            // the first instances prepare the databases before the second ones join
            for (String service : SERVICES) {
                instances.get(instance(service, n)).start();
            }
            for (String service : SERVICES) {
                awaitReady(instance(service, n));
            }
        }
        for (String service : SERVICES) {
            balancers.add(Balancer.start(
                    service,
                    PUBLIC_PORTS.get(service),
                    List.of(instancePorts.get(instance(service, 1)), instancePorts.get(instance(service, 2)))));
        }
        // the same admin token as OtterSystem's: keep its defaults (and app key) when they exist
        DefaultCredentials.installIfAbsent(ADMIN_TOKEN);
    }

    private Map<String, String> own(String service, int port, int n, S3Mock s3, String prefix) {
        return switch (service) {
            case "rollout-service" ->
                Map.of(
                        "OTTER_ROLLOUT_PORT", Integer.toString(port),
                        "OTTER_ROLLOUT_DB", "otter_rollout_scale",
                        "OTTER_CATALOG_URL", url("manifest-service"),
                        "OTTER_TELEMETRY_URL", url("telemetry-service"),
                        "OTTER_ROLLOUT_SNAPSHOT_REPUBLISH_INTERVAL", "1s",
                        "OTTER_ROLLOUT_AUTO_ADVANCE_INTERVAL", "1s",
                        "OTTER_ROLLOUT_IDENTITY_KEY_FILE",
                                TestTokens.KEY_DIR.resolve(DevKeys.PRIVATE_FILE).toString());
            case "manifest-service" -> {
                Map<String, String> env = new HashMap<>(Map.of(
                        "OTTER_MANIFEST_PORT",
                        Integer.toString(port),
                        "OTTER_MANIFEST_DB",
                        "otter_manifest_scale",
                        "OTTER_ARTIFACTS_DIR",
                        logs.resolveSibling("scaled-artifacts-" + n).toString(),
                        "OTTER_SIGNING_KEY_FILE",
                        logs.resolveSibling("scaled-signing/dev-1.key").toString(),
                        "OTTER_MANIFEST_ROLLOUT_RECONCILE_INTERVAL",
                        "1s",
                        "OTTER_MANIFEST_ROLLOUT_RETRY_DELAY",
                        "500ms",
                        "OTTER_MANIFEST_CATALOG_RETRY_DELAY",
                        "500ms",
                        "OTTER_MANIFEST_ARTIFACTS_PUBLIC_URL",
                        url("manifest-service")));
                env.putAll(Map.of(
                        "OTTER_MANIFEST_ARTIFACTS_STORE", "s3",
                        "OTTER_MANIFEST_ARTIFACTS_S3_ENDPOINT", s3.endpoint(),
                        "OTTER_MANIFEST_ARTIFACTS_S3_BUCKET", S3Mock.BUCKET,
                        "OTTER_MANIFEST_ARTIFACTS_S3_PATH_STYLE", "true",
                        "OTTER_MANIFEST_ARTIFACTS_S3_ACCESS_KEY", "e2e-key",
                        "OTTER_MANIFEST_ARTIFACTS_S3_SECRET_KEY", "e2e-secret",
                        "OTTER_MANIFEST_ARTIFACTS_S3_PREFIX", prefix));
                yield env;
            }
            default ->
                Map.of(
                        "OTTER_TELEMETRY_PORT", Integer.toString(port),
                        "OTTER_TELEMETRY_DB", "otter_telemetry_scale",
                        "OTTER_TELEMETRY_COUNTING_ROLLUP_INTERVAL", "2s");
        };
    }

    private static String instance(String service, int n) {
        return service + "-" + n;
    }

    /** The public URL of a service: its balancer. */
    static String url(String service) {
        return "http://127.0.0.1:" + PUBLIC_PORTS.get(service);
    }

    /** Kills the first instance of a service with SIGKILL. */
    void killFirst(String service) throws InterruptedException {
        instances.get(instance(service, 1)).kill();
    }

    /** Starts killed first instances again together (databases kept) and waits until they are ready. */
    void restartFirst(String... services) throws Exception {
        for (String service : services) {
            ManagedProcess p = instances.get(instance(service, 1));
            p.override("OTTER_MIGRATIONS_CLEAN_AT_START", "false");
            p.start();
        }
        for (String service : services) {
            awaitReady(instance(service, 1));
        }
    }

    /** The status of the family's newest rollout, through the balancer. */
    static String rolloutStatus(String family) {
        return Api.get(url("rollout-service") + "/api/v1/rollouts?family=" + family)
                .getString("[0].status");
    }

    /** Restarts the local Kafka broker with deploy/local/infra.sh (stop, then start: topics kept). */
    void restartKafka() throws IOException, InterruptedException {
        infra("stop", "kafka");
        infra("start");
    }

    private void infra(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(root.resolve("deploy/local/infra.sh").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("infra.sh " + String.join(" ", args) + " failed:\n" + out);
        }
    }

    private void awaitReady(String name) throws Exception {
        int port = instancePorts.get(name);
        instances.get(name).awaitReady(Duration.ofSeconds(120), () -> OtterSystem.ready(port));
    }

    @Override
    public void close() throws Exception {
        for (Balancer b : balancers) {
            b.close();
        }
        for (ManagedProcess p : instances.values()) {
            p.stop();
        }
        if (sentinel != null) {
            sentinel.stop();
        }
    }
}
