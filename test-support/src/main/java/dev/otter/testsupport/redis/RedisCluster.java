package dev.otter.testsupport.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A local Redis Cluster of three masters (no replicas), each a {@link RedisNode} with {@code
 * cluster-enabled yes}, joined by {@code redis-cli --cluster create}. One per JVM, started on first
 * use and stopped when the JVM exits.
 */
public final class RedisCluster {
    private static RedisCluster shared;

    private final List<RedisNode> nodes;

    private RedisCluster(List<RedisNode> nodes) {
        this.nodes = nodes;
    }

    /** The running cluster, created on first call (a few seconds). */
    public static synchronized RedisCluster get() {
        if (shared == null) {
            try {
                shared = create(Files.createTempDirectory("otter-redis-cluster-"));
            } catch (IOException e) {
                throw new IllegalStateException("could not start a Redis Cluster: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.nodes.forEach(RedisNode::stop)));
        }
        return shared;
    }

    private static RedisCluster create(Path dir) throws IOException {
        List<RedisNode> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(RedisNode.start(
                    dir,
                    "node-" + i,
                    List.of(
                            "--cluster-enabled", "yes",
                            "--cluster-config-file", "nodes.conf",
                            "--cluster-node-timeout", "2000",
                            "--appendonly", "no")));
        }
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Path log = dir.resolve("create.log");
        Process create = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IOException(
                        "redis-cli --cluster create failed: " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        for (RedisNode node : nodes) {
            node.await(Duration.ofSeconds(30), "in an ok cluster", () -> node.cli("CLUSTER", "INFO")
                    .contains("cluster_state:ok"));
        }
        return new RedisCluster(nodes);
    }

    /** The nodes, for redis-cli and for killing one. */
    public List<RedisNode> nodes() {
        return nodes;
    }

    /** {@code quarkus.redis.hosts}: every node's URI, comma-separated. */
    public String hosts() {
        return nodes.stream().map(RedisNode::uri).collect(Collectors.joining(","));
    }

    /** Runs one command through {@code redis-cli -c} (which follows the cluster's redirects). */
    public String cli(String... args) {
        List<String> all = new ArrayList<>(List.of("-c"));
        all.addAll(List.of(args));
        return nodes.get(0).cli(all.toArray(String[]::new));
    }

    /** How many keys the whole cluster holds that match {@code pattern}, node by node. */
    public long countKeys(String pattern) {
        long total = 0;
        for (RedisNode node : nodes) {
            String out = node.cli("--scan", "--pattern", pattern);
            total += out.isEmpty() ? 0 : out.lines().count();
        }
        return total;
    }
}
