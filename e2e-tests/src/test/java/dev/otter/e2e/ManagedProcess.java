package dev.otter.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A child process with its own log file, started and stopped by the end-to-end harness. */
final class ManagedProcess implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final Path directory;
    private final Map<String, String> environment;
    private final Map<String, String> overrides = new java.util.HashMap<>();
    private final Path log;
    private Process process;

    ManagedProcess(String name, List<String> command, Path directory, Map<String, String> environment, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.log = logDir.resolve(name + ".log");
    }

    /**
     * A packaged service, started as deploy/local/run.sh starts it: the same JVM options, from its
     * quarkus-app directory; {@code instance} names its log.
     */
    static ManagedProcess service(Path root, String name, String instance, Map<String, String> env, Path logs) {
        Path home = root.resolve(name).resolve("target/quarkus-app");
        if (!Files.exists(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(
                    home + "/quarkus-run.jar is missing: run ./mvnw verify (or package) from the repository root");
        }
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("MALLOC_ARENA_MAX", "2");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String options = "@" + root.resolve("deploy/service-jvm.options");
        return new ManagedProcess(instance, List.of(java, options, "-jar", "quarkus-run.jar"), home, all, logs);
    }

    void start() throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(overrides);
        process = builder.start();
    }

    /** Waits until {@code ready} holds; fails with the end of the log if the process dies or time runs out. */
    void awaitReady(Duration timeout, BooleanSupplier ready) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not become ready; end of " + log + ":\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    /** Sets an environment variable for the next start (e.g. not to empty the database again). */
    void override(String name, String value) {
        overrides.put(name, value);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process with SIGKILL: no shutdown hook, no goodbye, as a crashed node. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 15 s). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    String tail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
