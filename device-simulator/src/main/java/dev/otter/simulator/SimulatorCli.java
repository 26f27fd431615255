package dev.otter.simulator;

import dev.otter.devtokens.DevKeys;
import dev.otter.devtokens.DevTokens;
import dev.otter.gguf.GgufReader;
import dev.otter.gguf.SyntheticModel;
import dev.otter.simulator.api.OtterClient;
import dev.otter.simulator.files.DemoModels;
import dev.otter.simulator.files.FileServer;
import dev.otter.simulator.files.ModelFile;
import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.scenario.Scenario;
import dev.otter.simulator.scenario.ScenarioConfig;
import dev.otter.simulator.scenario.ScenarioResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code otter-sim}: the release scenario, the demo catalog, and synthetic GGUF files. */
@Command(
        name = "otter-sim",
        mixinStandardHelpOptions = true,
        subcommands = {
            SimulatorCli.ScenarioCommand.class,
            SimulatorCli.DemoCommand.class,
            SimulatorCli.GgufCommand.class,
            SimulatorCli.TokenCommand.class
        },
        description = "Simulated devices and demo data for Otter.")
public final class SimulatorCli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** The services' addresses, and the operator token for them. */
    static class Urls {
        @Option(
                names = "--token",
                description = "operator token (default: an admin token signed with the key in --key-dir)")
        String token;

        @Option(
                names = "--key-dir",
                defaultValue = ".local/keys",
                description = "the local operator key pair that run.sh made (${DEFAULT-VALUE})")
        Path keyDir;

        String operatorToken() throws Exception {
            if (token != null) {
                return token;
            }
            Path key = keyDir.resolve(DevKeys.PRIVATE_FILE);
            if (!java.nio.file.Files.exists(key)) {
                throw new IllegalStateException(
                        "no operator key at " + key + ": start Otter with deploy/local/run.sh, or pass --token");
            }
            return DevTokens.mint(DevKeys.readPrivate(key), "otter-sim", List.of("admin"), Duration.ofHours(12));
        }

        OtterClient client() throws Exception {
            return new OtterClient(manifest, rollout, telemetry, operatorToken(), null);
        }

        @Option(
                names = "--manifest",
                defaultValue = "http://127.0.0.1:8081",
                description = "manifest-service (${DEFAULT-VALUE})")
        String manifest;

        @Option(
                names = "--rollout",
                defaultValue = "http://127.0.0.1:8082",
                description = "rollout-service (${DEFAULT-VALUE})")
        String rollout;

        @Option(
                names = "--telemetry",
                defaultValue = "http://127.0.0.1:8083",
                description = "telemetry-service (${DEFAULT-VALUE})")
        String telemetry;
    }

    @Command(
            name = "scenario",
            mixinStandardHelpOptions = true,
            description = "Publish a good and a bad version, roll the bad one out, watch Otter roll it back.")
    static final class ScenarioCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Urls urls = new Urls();

        @Option(names = "--devices", defaultValue = "2000", description = "fleet size (${DEFAULT-VALUE})")
        int devices;

        @Option(
                names = "--dir",
                defaultValue = ".local/simulator",
                description = "device state and model files (${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--family", description = "model family to create (default: a fresh assistant-<time>)")
        String family;

        @Option(
                names = "--tick",
                defaultValue = "1s",
                description = "pace of the fleet (${DEFAULT-VALUE})",
                converter = DurationConverter.class)
        Duration tick;

        @Option(
                names = "--bake",
                defaultValue = "4s",
                description = "bake time of each stage (${DEFAULT-VALUE})",
                converter = DurationConverter.class)
        Duration bake;

        @Option(
                names = "--timeout",
                defaultValue = "6m",
                description = "give up after (${DEFAULT-VALUE})",
                converter = DurationConverter.class)
        Duration timeout;

        @Option(
                names = {"--bad-rate", "--bad-crash-rate"},
                defaultValue = "0.12",
                description = "how often 2.1.0 misbehaves on its bad signal: per session, switch, download or"
                        + " resource report (${DEFAULT-VALUE})")
        double badRate;

        @Option(
                names = "--bad-signal",
                defaultValue = "crash",
                description = "what is wrong with 2.1.0: crash, load, verify, severe, cpu, memory, storage or battery"
                        + " (${DEFAULT-VALUE}); the scenario's guard enforces the matching signal")
        String badSignal;

        @Option(
                names = "--good-crash-rate",
                defaultValue = "0.002",
                description = "crash probability per session of 2.0.0 (${DEFAULT-VALUE})")
        double goodCrashRate;

        @Option(
                names = "--min-sessions",
                defaultValue = "300",
                description = "guard: sessions needed before judging (${DEFAULT-VALUE})")
        int minSessions;

        @Option(
                names = "--exclude-region",
                defaultValue = "BR",
                description = "region kept out of the rollout's cohort (${DEFAULT-VALUE})")
        String excludedRegion;

        @Option(names = "--seed", defaultValue = "42", description = "fleet seed (${DEFAULT-VALUE})")
        long seed;

        @Option(
                names = "--clock",
                defaultValue = "0",
                description = "realistic polling: devices honour check_again_after on a clock this many times faster"
                        + " than real time (120: a simulated hour every 30 s); 0: they check with a fixed chance per"
                        + " tick (${DEFAULT-VALUE})")
        double clock;

        @Option(
                names = "--stream-share",
                defaultValue = "0.3",
                description = "with --clock: share of the devices holding the update stream (${DEFAULT-VALUE})")
        double streamShare;

        private BadSignal badSignal() {
            for (BadSignal s : BadSignal.values()) {
                if (s.cliName().equals(badSignal)) {
                    return s;
                }
            }
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--bad-signal must be one of crash, load, verify, severe, cpu, memory, storage, battery");
        }

        @Override
        public Integer call() throws Exception {
            String name = family != null
                    ? family
                    : "assistant-" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
            ScenarioConfig config = new ScenarioConfig(
                    urls.manifest,
                    urls.rollout,
                    urls.telemetry,
                    urls.operatorToken(),
                    devices,
                    dir.resolve("devices").resolve(name),
                    dir.resolve("files"),
                    name,
                    tick,
                    bake,
                    timeout,
                    goodCrashRate,
                    badRate,
                    badSignal(),
                    minSessions,
                    excludedRegion,
                    seed,
                    32,
                    clock,
                    clock > 0 ? streamShare : 0);
            ScenarioResult result = new Scenario(config, System.out).run();
            return result.rolledBack() && result.crashToRollbackMillis() >= 0 ? 0 : 1;
        }
    }

    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description = "Seed the demo catalog (assistant 2.0.0, two tiers) and serve its files until stopped.")
    static final class DemoCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Urls urls = new Urls();

        @Option(
                names = "--dir",
                defaultValue = ".local/simulator/files",
                description = "where the model files are written (${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--port", defaultValue = "8090", description = "port of the file server (${DEFAULT-VALUE})")
        int port;

        @Option(names = "--family", defaultValue = "assistant", description = "family (${DEFAULT-VALUE})")
        String family;

        @Override
        public Integer call() throws Exception {
            OtterClient otter = urls.client();
            try (FileServer files = new FileServer(dir, port, 0)) {
                seed(otter, files);
                String key = otter.newAppKey("demo", "Demo app");
                java.nio.file.Files.writeString(appKeyFile(), key + "\n");
                System.out.println("demo catalog ready: " + family + " 2.0.0 (tiers 1b, 3b), files at http://127.0.0.1:"
                        + port + "/models/, app key of the demo app in " + appKeyFile());
                Thread.currentThread().join(); // serve until stopped
            }
            return 0;
        }

        // Next to the files: a new key each start (keys are shown once); older ones stay valid.
        private Path appKeyFile() {
            return dir.toAbsolutePath().getParent().resolve("demo-app-key");
        }

        private void seed(OtterClient otter, FileServer files) throws Exception {
            // Files first: they are deterministic, so a catalog seeded by an earlier run finds them again.
            List<ModelFile> models = new java.util.ArrayList<>();
            for (String tier : List.of(DemoModels.SMALL, DemoModels.LARGE)) {
                models.add(DemoModels.generate(dir, family, "2.0.0", tier));
            }
            // Each step tolerates "already there" (409), so a second start reuses the catalog.
            String base = "/api/v1/families/" + family + "/versions";
            idempotent(() -> otter.catalog(
                    "POST", "/api/v1/families", OtterClient.obj("name", family, "display_name", "Demo assistant")));
            idempotent(() -> otter.catalog(
                    "POST", base, OtterClient.obj("version", "2.0.0", "release_notes", "The demo model")));
            for (ModelFile f : models) {
                idempotent(() -> otter.catalog("POST", base + "/2.0.0/artifacts", artifact(files, f)));
            }
            idempotent(() -> otter.catalog("POST", base + "/2.0.0/publish", OtterClient.obj()));
            // A 2.0.0 published earlier with other files cannot change (versions are immutable).
            var published = otter.catalog("GET", base + "/2.0.0", null).path("artifacts");
            for (ModelFile f : models) {
                boolean found = false;
                for (var a : published) {
                    found |= a.path("sha256").asText().equals(f.sha256())
                            && a.path("urls").path(0).asText().equals(files.url(f.path()));
                }
                if (!found) {
                    throw new IllegalStateException(family + " 2.0.0 exists with other artifacts than the demo's: "
                            + "choose another --family, or start from empty data (stop, delete .local/)");
                }
            }
        }

        private static Map<String, Object> artifact(FileServer files, ModelFile f) {
            return OtterClient.obj(
                    "tier",
                    f.tier(),
                    "urls",
                    List.of(files.url(f.path())),
                    "size_bytes",
                    f.size(),
                    "sha256",
                    f.sha256(),
                    "format",
                    "gguf",
                    "quantization",
                    "Q4_0",
                    "requirements",
                    OtterClient.obj("min_ram_mb", f.tier().equals(DemoModels.LARGE) ? 6144 : 2048));
        }

        private static void idempotent(Runnable call) {
            try {
                call.run();
            } catch (OtterClient.CallFailed e) {
                if (e.status() != 409) {
                    throw e;
                }
            }
        }
    }

    @Command(
            name = "token",
            mixinStandardHelpOptions = true,
            description = "Print an operator token signed with the local key (made in --key-dir if missing).")
    static final class TokenCommand implements Callable<Integer> {
        @Option(
                names = "--role",
                defaultValue = "admin",
                split = ",",
                description = "viewer, publisher, operator, admin (${DEFAULT-VALUE})")
        List<String> roles;

        @Option(names = "--subject", description = "who the audit log will name (default: your user name)")
        String subject;

        @Option(
                names = "--ttl",
                defaultValue = "8h",
                description = "validity (${DEFAULT-VALUE})",
                converter = DurationConverter.class)
        Duration ttl;

        @Option(names = "--key-dir", defaultValue = ".local/keys", description = "key pair (${DEFAULT-VALUE})")
        Path keyDir;

        @Override
        public Integer call() {
            String who = subject != null ? subject : System.getProperty("user.name", "operator");
            System.out.println(DevTokens.mint(DevKeys.loadOrCreate(keyDir).getPrivate(), who, roles, ttl));
            return 0;
        }
    }

    @Command(
            name = "gguf",
            mixinStandardHelpOptions = true,
            description = "Write a synthetic GGUF model and print its header.")
    static final class GgufCommand implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "file to write")
        Path out;

        @Option(names = "--layers", defaultValue = "4")
        int layers;

        @Option(names = "--width", defaultValue = "64", description = "a multiple of 32")
        int width;

        @Option(names = "--generation", defaultValue = "1", description = "varies the changed layers' bytes")
        long generation;

        @Option(names = "--changed", split = ",", description = "layers that differ between generations")
        List<Integer> changed = List.of();

        @Override
        public Integer call() throws Exception {
            Set<Integer> layersChanged = new HashSet<>(changed);
            long size = SyntheticModel.llama(out.getFileName().toString(), layers, width, generation, layersChanged)
                    .write(out);
            var header = GgufReader.read(out);
            System.out.printf(
                    "%s: %d bytes, GGUF v%d, %s, %s, %d tensors, sha256 %s%n",
                    out,
                    size,
                    header.version(),
                    header.architecture().orElse("?"),
                    header.quantization().orElse("?"),
                    header.tensors().size(),
                    DemoModels.sha256(out));
            return 0;
        }
    }

    /** Parses durations such as 500ms, 4s, 6m. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new CommandLine.TypeConversionException("use 500ms, 4s, 6m or 1h: " + value);
            };
        }
    }
}
