package dev.otter.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.simulator.api.OtterClient;
import dev.otter.simulator.files.DemoModels;
import dev.otter.simulator.files.ModelFile;
import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.fleet.Fleet;
import dev.otter.simulator.fleet.FleetConfig;
import dev.otter.simulator.fleet.FleetLog;
import dev.otter.simulator.fleet.Misbehaviour;
import dev.otter.simulator.fleet.ProgressView;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The release story, against running services: upload and publish 2.0.0 (good) and pin it; let the
 * fleet install it; upload and publish 2.1.0 (bad), wait for its delta patches from 2.0.0, and roll it out 5 % → 25 % → 100 %, advancing by hand as an
 * operator would once a stage has baked and telemetry calls it healthy; watch the crash
 * spike, the automatic rollback, and the fleet going back to 2.0.0. Prints a timeline and the
 * delay from the first crash of 2.1.0 to the first ROLLBACK answer.
 */
public final class Scenario {
    private final ScenarioConfig config;
    private final PrintStream out;
    private final OtterClient otter;
    private final List<String> timeline = new ArrayList<>();
    private String shownFailure;
    private int operatorFailures;

    public Scenario(ScenarioConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.otter = new OtterClient(
                config.manifestUrl(), config.rolloutUrl(), config.telemetryUrl(), config.operatorToken(), null);
    }

    public ScenarioResult run() throws Exception {
        FleetLog log = new FleetLog();
        FleetConfig fleetConfig = new FleetConfig(
                config.family(),
                "stable",
                config.seed(),
                0.7,
                0.5,
                0.85,
                0.05,
                0.02,
                0.03,
                Map.of(
                        "2.0.0",
                        config.goodCrashRate(),
                        "2.1.0",
                        config.badSignal() == BadSignal.CRASH ? config.badRate() : config.goodCrashRate()),
                Map.of("2.1.0", config.badSignal() == BadSignal.LOAD ? config.badRate() : 0.01),
                config.clock(),
                config.streamShare(),
                config.badSignal() == BadSignal.CRASH || config.badSignal() == BadSignal.LOAD
                        ? Misbehaviour.NONE
                        : new Misbehaviour(config.badSignal(), "2.1.0", config.badRate()),
                engineFamily());
        OtterClient devices = otter.withAppKey(otter.newAppKey("simulator", "Simulated fleet"));
        try (Fleet fleet =
                new Fleet(config.devices(), config.stateDir(), devices, fleetConfig, log, config.parallelism())) {
            ProgressView progress = new ProgressView(out);
            publishEngine("1.0.0");
            publish("2.0.0");
            otter.rollouts(
                    "PUT",
                    "/api/v1/channel-defaults/" + config.family() + "/stable",
                    OtterClient.obj("version", "2.0.0"));
            note(log, "2.0.0 published; stable pinned to 2.0.0; " + config.devices() + " devices start");
            Instant deadline = Instant.now().plus(config.timeout());
            while (share(fleet, "2.0.0") < 0.97 && Instant.now().isBefore(deadline)) {
                tick(fleet, progress, "none");
            }
            note(
                    log,
                    "fleet on 2.0.0: " + fleet.versions() + "; engines " + fleet.engineVersions() + "; app interfaces "
                            + fleet.interfaceLevels());

            publishEngine("1.1.0");
            publish("2.1.0");
            note(log, "2.1.0 published; patches from 2.0.0: " + awaitPatches("2.1.0"));
            String rolloutId = startRollout();
            String salt = otter.rollouts("GET", "/api/v1/rollouts/" + rolloutId, null)
                    .path("salt")
                    .asText();
            note(log, "rollout " + rolloutId + " started at 5 % (region " + config.excludedRegion() + " excluded)");
            Watch watch = new Watch(rolloutId);
            while (Instant.now().isBefore(deadline) && !watch.finished(fleet)) {
                tick(fleet, progress, watch.describe());
                operatorRound(watch, log);
            }
            long delay = delay(log);
            ReturnTimes returns = watch.rolledBackAt == null
                    ? null
                    : ReturnTimes.measure(fleet, log, watch.rolledBackAt, "2.1.0", "2.0.0");
            long reached = log.received().values().stream()
                    .filter(v -> v.contains("2.1.0"))
                    .count();
            note(log, String.format("devices fetched %.1f MB in all", log.fetchedBytes() / 1e6));
            note(log, "engines " + fleet.engineVersions() + "; adapters fetched " + log.adapters());
            note(
                    log,
                    "done: 2.1.0 reached " + reached + " of " + config.devices() + " devices (largest share "
                            + watch.maxPercentageBp / 100.0 + " %), " + log.patchedByTier() + " by patch; fleet "
                            + fleet.versions());
            printTimeline(delay);
            if (returns != null) {
                returns.print(out, config.clock());
            }
            return new ScenarioResult(
                    rolloutId,
                    salt,
                    watch.maxPercentageBp,
                    watch.rolledBack,
                    delay,
                    fleet.devices(),
                    log,
                    fleet.failedTicks(),
                    fleet.longestFailure(),
                    List.copyOf(timeline),
                    returns);
        }
    }

    // An operator whose console call fails (a service restarting, a broker away) looks again next tick.
    private void operatorRound(Watch watch, FleetLog log) {
        try {
            watch.observe(log);
            watch.operate(log);
        } catch (OtterClient.CallFailed e) {
            if (e.status() < 500) {
                throw e;
            }
            operatorFailure(log, e);
        } catch (java.io.UncheckedIOException e) {
            operatorFailure(log, e);
        }
    }

    private void operatorFailure(FleetLog log, RuntimeException e) {
        operatorFailures++;
        if (operatorFailures == 1) {
            note(log, "an operator call failed, looking again next tick: " + e.getMessage());
        }
    }

    private void tick(Fleet fleet, ProgressView progress, String rollout) throws InterruptedException {
        Instant started = Instant.now();
        fleet.tick();
        FleetLog log = fleet.log();
        progress.show(
                log.since(Instant.now()).toSeconds(),
                fleet.versions(),
                log.drainWindow(),
                rollout,
                fleet.failedTicks());
        if (fleet.lastFailure() != null && !fleet.lastFailure().equals(shownFailure)) {
            shownFailure = fleet.lastFailure();
            out.println("         last device failure: " + shownFailure);
        }
        long rest = config.tick().toMillis()
                - Duration.between(started, Instant.now()).toMillis();
        if (rest > 0) {
            Thread.sleep(rest);
        }
    }

    /** The engine family the demo's models run on. */
    private String engineFamily() {
        return config.family() + "-engine";
    }

    // An engine release: one build per ABI the fleet runs, uploaded as binaries, published.
    private void publishEngine(String version) throws Exception {
        String engine = engineFamily();
        if (version.equals("1.0.0")) {
            otter.catalog(
                    "POST",
                    "/api/v1/families",
                    OtterClient.obj("name", engine, "display_name", "Demo inference engine", "kind", "engine"));
        }
        String base = "/api/v1/families/" + engine + "/versions";
        otter.catalog("POST", base, OtterClient.obj("version", version, "release_notes", "engine " + version));
        for (String abi : List.of("android-arm64", "ios-arm64")) {
            ModelFile build = DemoModels.engineBuild(config.filesDir(), engine, version, abi);
            otter.uploadBinary(build.path(), build.sha256());
            otter.catalog(
                    "POST",
                    base + "/" + version + "/artifacts",
                    OtterClient.obj("tier", abi, "file", build.sha256(), "format", "bin"));
        }
        otter.catalog("POST", base + "/" + version + "/publish", OtterClient.obj());
    }

    // 2.0.0 speaks chat@1 and loads on any engine; 2.1.0 speaks chat@2, needs engine 1.1.0 and comes
    // with a chat@1 prompt template, so that apps on either interface level can run it.
    private Object engineAndInterface(String version) {
        return version.equals("2.0.0")
                ? OtterClient.obj("family", engineFamily(), "min_version", "1.0.0")
                : OtterClient.obj("family", engineFamily(), "min_version", "1.1.0");
    }

    private void addAdapter(String version) throws Exception {
        ModelFile template = DemoModels.promptTemplate(config.filesDir(), config.family(), version, "chat@1");
        otter.uploadBinary(template.path(), template.sha256());
        otter.catalog(
                "POST",
                "/api/v1/families/" + config.family() + "/versions/" + version + "/artifacts",
                OtterClient.obj(
                        "tier",
                        "chat1-template",
                        "file",
                        template.sha256(),
                        "format",
                        "json",
                        "adapts_interface",
                        "chat@1"));
    }

    // Upload each tier's file to Otter's store, add it as the version's artifact, publish.
    private void publish(String version) throws Exception {
        String family = config.family();
        if (version.equals("2.0.0")) {
            otter.catalog(
                    "POST", "/api/v1/families", OtterClient.obj("name", family, "display_name", "Demo assistant"));
        }
        String base = "/api/v1/families/" + family + "/versions";
        otter.catalog(
                "POST",
                base,
                OtterClient.obj(
                        "version",
                        version,
                        "release_notes",
                        version.equals("2.0.0") ? "Better answers" : "Faster answers (and, unknown yet, crashes)",
                        "change_summary",
                        "demo",
                        "engine",
                        engineAndInterface(version),
                        "interface",
                        version.equals("2.0.0") ? "chat@1" : "chat@2"));
        for (String tier : List.of(DemoModels.SMALL, DemoModels.LARGE)) {
            ModelFile f = DemoModels.generate(config.filesDir(), family, version, tier);
            otter.upload(f.path(), f.sha256());
            otter.catalog(
                    "POST",
                    base + "/" + version + "/artifacts",
                    OtterClient.obj(
                            "tier", tier,
                            "file", f.sha256(),
                            "requirements",
                                    OtterClient.obj(
                                            "min_app_version",
                                            "3.0.0",
                                            "min_ram_mb",
                                            tier.equals(DemoModels.LARGE) ? 6144 : 2048)));
        }
        if (!version.equals("2.0.0")) {
            addAdapter(version);
        }
        otter.catalog("POST", base + "/" + version + "/publish", OtterClient.obj());
    }

    // The publisher waits for the patches before ramping, so that the first devices already get them.
    private String awaitPatches(String version) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode patches = null;
        while (Instant.now().isBefore(deadline)) {
            patches = otter.catalog(
                    "GET", "/api/v1/families/" + config.family() + "/versions/" + version + "/patches", null);
            boolean done = patches.size() > 0;
            for (JsonNode p : patches) {
                done &= !p.path("status").asText().equals("PENDING")
                        && !p.path("status").asText().equals("RUNNING");
            }
            if (done) {
                break;
            }
            Thread.sleep(250); // poll the patch jobs, within the 60 s deadline above
        }
        List<String> made = new ArrayList<>();
        for (JsonNode p : patches) {
            made.add(p.path("tier").asText() + " " + p.path("status").asText()
                    + (p.hasNonNull("ratio")
                            ? String.format(
                                    " (%.0f%% of the full file)",
                                    100 * p.path("ratio").asDouble())
                            : ""));
        }
        return made.isEmpty() ? "none" : String.join(", ", made);
    }

    private String startRollout() {
        String bake = "PT" + config.bake().toSeconds() + "S";
        String id = otter.rollouts(
                        "POST",
                        "/api/v1/rollouts",
                        OtterClient.obj(
                                "family",
                                config.family(),
                                "name",
                                "2.1.0 gray release",
                                "baseline_version",
                                "2.0.0",
                                "target_version",
                                "2.1.0",
                                "rules",
                                OtterClient.obj("regions_exclude", List.of(config.excludedRegion())),
                                "stages",
                                List.of(
                                        OtterClient.obj("percentage", 5, "min_bake", bake),
                                        OtterClient.obj("percentage", 25, "min_bake", bake),
                                        OtterClient.obj("percentage", 100)),
                                "guard",
                                OtterClient.obj(
                                        "crash_rate_threshold",
                                        0.02,
                                        "min_sessions",
                                        config.guardMinSessions(),
                                        "window",
                                        "PT10M",
                                        // the bad signal enforced (some are only observed by default)
                                        "signals",
                                        List.of(OtterClient.obj(
                                                "signal", config.badSignal().guardSignal(), "mode", "enforce"))),
                                "watch_interval",
                                "PT2M"))
                .path("id")
                .asText();
        otter.rollouts("POST", "/api/v1/rollouts/" + id + "/start", OtterClient.obj());
        return id;
    }

    // the fleet log's note of the bad release's first misbehaviour ("crash 2.1.0", "battery 2.1.0", …)
    private String firstBad() {
        return config.badSignal().cliName() + " 2.1.0";
    }

    private static double share(Fleet fleet, String version) {
        Map<String, Integer> v = fleet.versions();
        return (double) v.getOrDefault(version, 0) / fleet.devices().size();
    }

    private long delay(FleetLog log) {
        Instant crash = log.firsts().get(firstBad());
        Instant rollback = log.firsts().get("answer ROLLBACK");
        return crash == null || rollback == null
                ? -1
                : Duration.between(crash, rollback).toMillis();
    }

    private void note(FleetLog log, String what) {
        timeline.add(String.format("t+%5.1fs  %s", log.since(Instant.now()).toMillis() / 1000.0, what));
    }

    private void printTimeline(long delay) {
        out.println();
        out.println("Timeline");
        timeline.forEach(line -> out.println("  " + line));
        out.println(
                delay >= 0
                        ? "Delay from the first "
                                + (config.badSignal() == BadSignal.CRASH
                                        ? "crash"
                                        : config.badSignal().cliName() + " misbehaviour")
                                + " of 2.1.0 to the first ROLLBACK answer: " + delay + " ms"
                        : "No ROLLBACK was answered before the timeout.");
    }

    /** Follows the rollout each tick, notes what changed, and advances it by hand when due. */
    private final class Watch {
        private final String rolloutId;
        private String status = "RUNNING";
        private int percentageBp = 500;
        private int maxPercentageBp = 500;
        private boolean rolledBack;
        private Instant rolledBackAt;
        private boolean announcedReceived;
        private boolean announcedCrash;
        private boolean announcedRollback;

        Watch(String rolloutId) {
            this.rolloutId = rolloutId;
        }

        String describe() {
            return status + " " + percentageBp / 100.0 + "%";
        }

        void observe(FleetLog log) {
            JsonNode r = otter.rollouts("GET", "/api/v1/rollouts/" + rolloutId, null);
            String now = r.path("status").asText();
            percentageBp = (int) Math.round(r.path("percentage").asDouble() * 100);
            if (now.equals("RUNNING")) {
                maxPercentageBp = Math.max(maxPercentageBp, percentageBp);
            }
            if (!now.equals(status)) {
                note(
                        log,
                        "rollout " + now
                                + (now.equals("ROLLED_BACK")
                                        ? " (" + r.path("end_reason").asText() + ")"
                                        : ""));
                if (now.equals("ROLLED_BACK")) {
                    rolledBack = true;
                    rolledBackAt = Instant.parse(r.path("ended_at").asText());
                }
                status = now;
            }
            Map<String, Instant> firsts = log.firsts();
            if (!announcedReceived && firsts.containsKey("received 2.1.0")) {
                announcedReceived = true;
                note(log, "first device received 2.1.0");
            }
            if (!announcedCrash && firsts.containsKey(firstBad())) {
                announcedCrash = true;
                note(
                        log,
                        config.badSignal() == BadSignal.CRASH
                                ? "first crash on 2.1.0"
                                : "first " + config.badSignal().cliName() + " misbehaviour on 2.1.0");
            }
            if (!announcedRollback && firsts.containsKey("answer ROLLBACK")) {
                announcedRollback = true;
                note(log, "first ROLLBACK answer to a device");
            }
        }

        // The operator: once a stage has baked, advance only when telemetry has enough sessions and
        // does not call it unhealthy (a stage without evidence is not "fine").
        void operate(FleetLog log) {
            if (!status.equals("RUNNING")) {
                return;
            }
            JsonNode r = otter.rollouts("GET", "/api/v1/rollouts/" + rolloutId, null);
            JsonNode stage = r.path("current_stage");
            boolean last = stage.path("index").asInt() + 1 >= stage.path("of").asInt();
            if (last
                    || Instant.now()
                            .isBefore(Instant.parse(stage.path("baked_at").asText()))) {
                return;
            }
            String verdict = otter.telemetry("/api/v1/telemetry/rollouts/" + rolloutId + "/health")
                    .path("verdict")
                    .asText();
            if (verdict.equals("HEALTHY")) {
                try {
                    JsonNode after = otter.rollouts(
                            "POST",
                            "/api/v1/rollouts/" + rolloutId + "/advance",
                            OtterClient.obj("reason", "baked; telemetry says " + verdict));
                    note(
                            log,
                            "operator advanced to " + after.path("percentage").asText() + " % (telemetry: " + verdict
                                    + ")");
                } catch (OtterClient.CallFailed e) {
                    // rolled back meanwhile: the next observation notes it
                }
            }
        }

        boolean finished(Fleet fleet) {
            if (!rolledBack) {
                return false;
            }
            return fleet.devices().stream()
                    .allMatch(d -> d.state().current() != null
                            && d.state().current().version().equals("2.0.0")
                            && d.state().pending() == null);
        }
    }
}
