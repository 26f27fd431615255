package dev.otter.testsupport.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Redis primary with one replica, watched by one Sentinel (quorum 1, the primary declared down
 * after 1 s), as {@code redis-server --sentinel} runs it. {@link #failOver()} kills the primary with
 * SIGKILL and waits until Sentinel has promoted the replica; {@link #rejoin()} starts the old
 * primary again as the new primary's replica.
 */
public final class RedisSentinel {
    /** The name Sentinel knows the primary by ({@code quarkus.redis.master-name}). */
    public static final String MASTER = "otter";

    private final RedisNode sentinel;
    private RedisNode primary;
    private RedisNode replica;

    private RedisSentinel(RedisNode sentinel, RedisNode primary, RedisNode replica) {
        this.sentinel = sentinel;
        this.primary = primary;
        this.replica = replica;
    }

    /** Starts the three processes in a fresh directory and waits until Sentinel sees the replica. */
    public static RedisSentinel start() throws IOException {
        Path dir = Files.createTempDirectory("otter-redis-sentinel-");
        RedisNode primary = RedisNode.start(dir, "primary", List.of("--appendonly", "no"));
        RedisNode replica = RedisNode.start(
                dir,
                "replica",
                List.of("--appendonly", "no", "--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        replica.await(Duration.ofSeconds(30), "replicating", () -> replica.cli("INFO", "replication")
                .contains("master_link_status:up"));
        RedisNode sentinel = RedisNode.startWithConfig(
                dir,
                "sentinel",
                String.join(
                        "\n",
                        "sentinel monitor " + MASTER + " 127.0.0.1 " + primary.port() + " 1",
                        "sentinel down-after-milliseconds " + MASTER + " 1000",
                        "sentinel failover-timeout " + MASTER + " 10000",
                        "sentinel parallel-syncs " + MASTER + " 1",
                        ""),
                List.of("--sentinel"));
        sentinel.await(Duration.ofSeconds(30), "seeing the replica", () -> sentinel.cli("SENTINEL", "REPLICAS", MASTER)
                .contains(Integer.toString(replica.port())));
        RedisSentinel topology = new RedisSentinel(sentinel, primary, replica);
        Runtime.getRuntime().addShutdownHook(new Thread(topology::stop));
        return topology;
    }

    /** The Sentinel's URI ({@code quarkus.redis.hosts} with {@code client-type=sentinel}). */
    public String sentinelUri() {
        return sentinel.uri();
    }

    /** The node that is the primary now. */
    public RedisNode primary() {
        return primary;
    }

    /** The node that is the replica now. */
    public RedisNode replica() {
        return replica;
    }

    /** Kills the primary (SIGKILL) and waits until Sentinel names the replica as the new primary. */
    public void failOver() throws IOException, InterruptedException {
        RedisNode old = primary;
        RedisNode promoted = replica;
        old.kill();
        sentinel.await(Duration.ofSeconds(30), "promoting the replica", () -> sentinel.cli(
                        "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER)
                .contains(Integer.toString(promoted.port())));
        promoted.await(
                Duration.ofSeconds(10), "a primary", () -> promoted.cli("ROLE").startsWith("master"));
        primary = promoted;
        replica = old;
    }

    /**
     * Starts the killed node again, as a replica of the current primary (the safe way back: see
     * {@link RedisNode#restartAsReplicaOf}), and waits until it replicates it.
     */
    public void rejoin() throws IOException {
        RedisNode node = replica;
        node.restartAsReplicaOf(primary.port());
        node.await(Duration.ofSeconds(60), "replicating the new primary", () -> node.cli("INFO", "replication")
                .contains("master_link_status:up"));
    }

    /** Stops every process. */
    public void stop() {
        sentinel.stop();
        primary.stop();
        replica.stop();
    }
}
