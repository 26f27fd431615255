package dev.otter.testsupport.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One {@code redis-server} child process on a loopback port, in its own directory, for the topology
 * tests (Cluster, Sentinel). It can be killed with SIGKILL and started again on the same port.
 */
public final class RedisNode {
    private final int port;
    private final Path dir;
    private final List<String> arguments;
    private Process process;

    private RedisNode(int port, Path dir, List<String> arguments) {
        this.port = port;
        this.dir = dir;
        this.arguments = List.copyOf(arguments);
    }

    /** Starts {@code redis-server} on a free port with {@code arguments} and waits for its PING. */
    public static RedisNode start(Path parent, String name, List<String> arguments) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        int port = arguments.contains("--cluster-enabled") ? clusterPort() : freePort();
        RedisNode node = new RedisNode(port, dir, arguments);
        node.restart();
        return node;
    }

    /** Starts a node that runs from a configuration file (a Sentinel's, which it rewrites). */
    public static RedisNode startWithConfig(Path parent, String name, String config, List<String> arguments)
            throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        int port = freePort();
        Path file = dir.resolve("redis.conf");
        Files.writeString(file, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n" + config);
        List<String> all = new ArrayList<>(List.of(file.toString()));
        all.addAll(arguments);
        RedisNode node = new RedisNode(port, dir, all);
        node.restart();
        return node;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** (Re)starts the server on its port, keeping its directory, and waits until it answers. */
    public void restart() throws IOException {
        start(arguments);
    }

    /**
     * Restarts the server as a replica of the node on {@code primaryPort}, as a failed node is brought
     * back after a failover: started as it first was, a former primary would be an empty primary
     * until Sentinel demotes it (seconds), and writes that reach it meanwhile are lost at the resync.
     */
    public void restartAsReplicaOf(int primaryPort) throws IOException {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("--replicaof")) {
                i += 2; // replaced below
            } else {
                args.add(arguments.get(i));
            }
        }
        args.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(primaryPort)));
        start(args);
    }

    private void start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server"));
        if (args.isEmpty() || !args.get(0).endsWith(".conf")) {
            command.addAll(List.of(
                    "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", ""));
        }
        command.addAll(args);
        process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("redis.log").toFile()))
                .start();
        await(Duration.ofSeconds(15), "answering PING", () -> "PONG".equals(cli("PING")));
    }

    /** Kills the server with SIGKILL, as a crashed machine would stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Freezes the server (SIGSTOP) as a machine stalled under load would: its connections stay open,
     * so its primary still counts it online, but it answers and acknowledges nothing until {@link #thaw()}.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen server run on (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("could not send " + signal + " to redis on port " + port);
        }
    }

    /** Stops the server (SIGTERM). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code redis-cli} against this node; its output, stripped, or "" when it cannot connect. */
    public String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 && !out.startsWith("Could not connect") ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Waits until {@code condition} holds, or fails naming {@code what} and this node's log. */
    public void await(Duration timeout, String what, BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || process != null && !process.isAlive()) {
                throw new IOException("redis on port " + port + " not " + what + "; see " + dir.resolve("redis.log"));
            }
            try {
                Thread.sleep(50); // polling a condition, with the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /**
     * A free port for a cluster node: its bus listens 10 000 higher, so the port must be at most
     * 55 535 (redis-server refuses to start otherwise) and the bus port free too — the kernel's
     * ephemeral range here reaches 60 999, so a port it picks may not do.
     */
    static int clusterPort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(55_535 - 20_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free port pair (port, port + 10000) below 55536");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
