package dev.otter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The dev overlay's Redis users, loaded into a real redis-server: only rollout-service may write
 * rollout state; manifest-service and telemetry-service read it and write only their own keys.
 */
class RedisAclTest {
    @TempDir
    static Path dir;

    private static Process redis;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        String acl = null;
        for (JsonNode object : Rendered.overlay("dev")) {
            if (object.path("kind").asText().equals("Secret")
                    && object.path("metadata").path("name").asText().equals("otter-redis-users")) {
                acl = new String(
                        Base64.getMimeDecoder()
                                .decode(object.path("data").path("users.acl").asText()),
                        StandardCharsets.UTF_8);
            }
        }
        assertThat(acl).as("users.acl in the dev overlay").isNotNull();
        Path file = dir.resolve("users.acl");
        Files.writeString(file, acl);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        redis = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--aclfile",
                        file.toString(),
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !redis.isAlive()) {
                    throw new IllegalStateException(
                            "redis-server did not start: " + Files.readString(dir.resolve("redis.log")), e);
                }
                Thread.sleep(50); // polling the port, with the deadline above
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Logs in as {@code user} and sends one command: the reply as Redis wrote its type — ":n" for an
     * integer, the text of a bulk string, "*n" for an array — or the error Redis answered.
     */
    private static String as(String user, String... command) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.auth(user, "dev-only-redis-" + user.replace("-service", ""));
            Object reply = jedis.sendCommand(
                    () -> SafeEncoder.encode(command[0]), Arrays.copyOfRange(command, 1, command.length));
            if (reply instanceof Long n) {
                return ":" + n;
            }
            if (reply instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            return reply instanceof List<?> list ? "*" + list.size() : String.valueOf(reply);
        } catch (JedisDataException e) {
            return "-" + e.getMessage();
        }
    }

    @Test
    void onlyRolloutServiceWritesRolloutState() {
        assertThat(as("rollout-service", "HSET", "otter:rollout:snapshots", "assistant", "{}"))
                .isEqualTo(":1");
        assertThat(as("rollout-service", "PUBLISH", "otter:rollout:changed", "assistant:1"))
                .startsWith(":");
        assertThat(as("manifest-service", "HGET", "otter:rollout:snapshots", "assistant"))
                .isEqualTo("{}");
        assertThat(as("manifest-service", "HSET", "otter:rollout:snapshots", "assistant", "evil"))
                .startsWith("-NOPERM");
        assertThat(as("telemetry-service", "HGETALL", "otter:rollout:snapshots"))
                .isEqualTo("*2");
        assertThat(as("telemetry-service", "DEL", "otter:rollout:snapshots")).startsWith("-NOPERM");
    }

    @Test
    void eachServiceWritesItsOwnKeysOnly() {
        assertThat(as("manifest-service", "HSET", "otter:app-keys", "hash", "app"))
                .startsWith(":");
        assertThat(as("telemetry-service", "HGET", "otter:app-keys", "hash")).isEqualTo("app");
        assertThat(as("telemetry-service", "HSET", "otter:app-keys", "hash", "other"))
                .startsWith("-NOPERM");
        assertThat(as("rollout-service", "HGET", "otter:app-keys", "hash")).startsWith("-NOPERM");
        assertThat(as("telemetry-service", "INCR", "otter:tel:r:x:1")).isEqualTo(":1");
        assertThat(as("manifest-service", "INCR", "otter:tel:r:x:1")).startsWith("-NOPERM");
        assertThat(as("rollout-service", "FLUSHALL")).startsWith("-NOPERM");
    }
}
