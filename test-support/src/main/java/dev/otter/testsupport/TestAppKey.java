package dev.otter.testsupport;

import dev.otter.contract.AppKeys;
import dev.otter.contract.RedisKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The device app key tests send, registered straight into the test namespace's Redis key set (as
 * manifest-service would publish it) so every service's tests can call device endpoints.
 */
public final class TestAppKey {
    /** The key itself: fixed, test-only, and valid only in the {@code otter-test} namespace. */
    public static final String KEY = AppKeys.PREFIX + "test-key-for-the-otter-test-namespace-only";

    /** The application it belongs to. */
    public static final String APPLICATION = "test-app";

    private TestAppKey() {}

    /** Registers {@link #KEY} in {@code namespace}'s key set on the local Redis and announces it. */
    public static void register(String namespace) {
        RedisKeys keys = new RedisKeys(namespace);
        redis("HSET", keys.appKeys(), AppKeys.hash(KEY), APPLICATION);
        redis("SET", keys.appKeysPublished(), "1");
        redis("PUBLISH", keys.appKeysChanged(), "test");
    }

    // A single RESP command over a socket: enough for two writes, without a client library.
    static void redis(String... args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("OTTER_REDIS_PORT", "56379"));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                command.append('$')
                        .append(arg.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n")
                        .append(arg)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first == '-' || first < 0) {
                throw new IllegalStateException("Redis refused " + args[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Redis on 127.0.0.1:" + port + " is needed (deploy/local/infra.sh start)", e);
        }
    }
}
