package dev.otter.simulator.device;

import dev.otter.gguf.GgufException;
import dev.otter.gguf.GgufReader;
import dev.otter.sdk.OtterDevice;
import dev.otter.sdk.check.Action;
import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.DeviceFacts;
import dev.otter.sdk.check.UpdateCheck;
import dev.otter.sdk.check.UserConsent;
import dev.otter.sdk.download.DownloadResult;
import dev.otter.sdk.store.Slot;
import dev.otter.sdk.store.StoreState;
import dev.otter.sdk.telemetry.Event;
import dev.otter.sdk.telemetry.FlushResult;
import dev.otter.sdk.trust.TrustedKeys;
import dev.otter.simulator.api.OtterClient;
import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.fleet.FleetConfig;
import dev.otter.simulator.fleet.FleetLog;
import dev.otter.simulator.fleet.Misbehaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One simulated device: an app embedding the device SDK ({@link OtterDevice}), which does what a
 * device must get right (trusting answers, downloading, verifying, switching, local rollback,
 * queued telemetry). This class is only what is simulated: the device's profile, when it uses the
 * model, the crash model of each version, its network, and its user (who always confirms).
 */
public final class Device {
    private final DeviceProfile profile;
    private final OtterDevice sdk;
    private final OtterClient otter;
    private final Network network;
    private final FleetConfig config;
    private final java.util.Set<String> adapters = new java.util.HashSet<>();
    private final FleetLog log;
    private final Random random;
    private final long bornNanos = System.nanoTime();
    private final Instant born = Instant.now();
    private volatile boolean checkNow; // set by the update stream's "check now"
    private long nextCheckNanos; // with a compressed clock: when check_again_after says (0: at start)
    private boolean onWifi;

    public Device(
            DeviceProfile profile,
            Path dir,
            OtterClient otter,
            TrustedKeys keys,
            Network network,
            FleetConfig config,
            FleetLog log)
            throws IOException {
        this.profile = profile;
        this.otter = otter;
        this.network = network;
        this.config = config;
        this.log = log;
        this.random = new Random(profile.installId().hashCode() ^ config.seed());
        Files.createDirectories(dir);
        OtterDevice.Builder builder = OtterDevice.builder()
                .baseUrl(otter.manifestUrl())
                .telemetryUrl(otter.telemetryUrl())
                .appKey(otter.deviceKey())
                .trustedKeys(keys)
                .storage(dir)
                .family(config.family())
                .facts(this::facts)
                .transport(network)
                .sync(false); // thousands of devices on one disk; a simulated kill is not a power cut
        if (config.engineFamily() != null) {
            builder.family(config.engineFamily());
        }
        this.sdk = builder.build();
        sdk.telemetry().setConsent(profile.consents());
    }

    /** How the fleet behaves. */
    public FleetConfig config() {
        return config;
    }

    public DeviceProfile profile() {
        return profile;
    }

    /** What the device holds (current, pending, previous model; a download under way). */
    public StoreState state() {
        return sdk.store(config.family()).state();
    }

    /** The device's SDK. */
    public OtterDevice sdk() {
        return sdk;
    }

    /** The file of the model in use (it exists when {@code state().current()} is set). */
    public Path currentModelFile() {
        return sdk.currentModel(config.family());
    }

    private DeviceFacts facts() {
        return DeviceFacts.builder(profile.installId())
                .appVersion(profile.appVersion())
                .runtimeVersion(profile.runtimeVersion())
                .platform(profile.platform())
                .osVersion(profile.osVersion())
                .deviceModel(profile.deviceModel())
                .ramMb(profile.ramMb())
                .deviceClass(profile.deviceClass())
                .freeStorageMb(8_000)
                .region(profile.region())
                .channel(config.channel())
                .preferredTier(profile.preferredTier())
                .abi(profile.abi())
                .interfaces(profile.interfaces().toArray(new String[0]))
                .unmetered(onWifi)
                .build();
    }

    /** One tick: maybe a session, maybe an update check, then the tick's telemetry. */
    public void tick() throws IOException {
        if (state().pending() != null && state().download() == null || enginePending()) {
            startSession();
        }
        if (state().current() != null && random.nextDouble() < config.sessionRate()) {
            session();
        }
        if (state().download() != null || dueForCheck()) {
            check();
        }
        report();
    }

    /** The update stream said "check now": the next tick checks, whatever check_again_after said. */
    public void checkNow() {
        checkNow = true;
    }

    private boolean dueForCheck() {
        if (!config.realisticPolling()) {
            return random.nextDouble() < config.checkRate();
        }
        return checkNow || System.nanoTime() - nextCheckNanos >= 0;
    }

    // ---- switching models (the SDK switches; the simulated app loads, with the version's failure rate)

    private boolean enginePending() {
        return config.engineFamily() != null
                && sdk.store(config.engineFamily()).state().pending() != null
                && sdk.store(config.engineFamily()).state().download() == null;
    }

    /** The engine version the device runs, or null (no engine family, or none installed yet). */
    public String engineVersion() {
        if (config.engineFamily() == null) {
            return null;
        }
        Slot current = sdk.store(config.engineFamily()).state().current();
        return current == null ? null : current.version();
    }

    private void startSession() throws IOException {
        Slot from = state().current();
        Map<String, Slot> switched = sdk.activatePendingAtSessionStart();
        if (config.engineFamily() != null && switched.containsKey(config.engineFamily())) {
            sdk.reportLoaded(config.engineFamily()); // a simulated engine build always starts
        }
        Slot to = switched.get(config.family());
        if (to == null) {
            return;
        }
        if (loads(to)) {
            sdk.reportLoaded(config.family());
            log.switched(profile.installId(), to.version());
            return;
        }
        log.first("load " + to.version());
        Slot back = sdk.reportLoadFailure(config.family());
        if (back != null) {
            log.rolledBackLocally();
            log.switched(profile.installId(), back.version());
        } else if (from == null) {
            log.switched(profile.installId(), "none");
        }
    }

    // What an app's engine does before use: the file must be a readable GGUF model.
    private boolean loads(Slot slot) throws IOException {
        try {
            Path file = currentModelFile();
            GgufReader.verifyLayout(GgufReader.read(file), Files.size(file));
        } catch (GgufException e) {
            return false;
        }
        return random.nextDouble() >= config.loadFailureRate(slot.version());
    }

    // ---- using the model

    private void session() throws IOException {
        String version = state().current().version();
        record(sdk.event("session", config.family()));
        if (random.nextDouble() < config.crashRate(version)) {
            error("FATAL", "E_SIGSEGV", "segfault in ggml_compute_forward");
            log.first("crash " + version);
        }
        Misbehaviour bad = config.misbehaviour();
        if (chance(bad.rate(version, BadSignal.SEVERE))) {
            error("SEVERE", "E_KV_CACHE", "kv cache allocation failed; answer truncated");
            log.first("severe " + version);
        }
        if (bad.signal().resource()) {
            resourceReport(version, bad);
        }
    }

    private void error(String severity, String code, String description) throws IOException {
        record(sdk.event("error", config.family())
                .with("severity", severity)
                .with("error_code", code)
                .with("description", description)
                .with("scenario", "chat"));
    }

    // A draw only when something can happen: a fleet without misbehaviour keeps its random sequence.
    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    // With a release bad on a resource limit, each session also reports its resources: over the
    // limit with the release's rate, comfortably under it otherwise.
    private void resourceReport(String version, Misbehaviour bad) throws IOException {
        Event report = sdk.event("resource", config.family())
                .with("cpu_percent", 25.0)
                .with("memory_percent", 30.0)
                .with("storage_percent", 3.0)
                .with("battery_drain_per_hour", 0.8);
        if (chance(bad.rate(version, bad.signal()))) {
            switch (bad.signal()) {
                case CPU -> report = report.with("cpu_percent", 92.0);
                case MEMORY -> report = report.with("memory_percent", 81.0);
                case STORAGE -> report = report.with("storage_percent", 18.0);
                default -> report = report.with("battery_drain_per_hour", 5.5);
            }
            log.first(bad.signal().cliName() + " " + version);
        }
        record(report);
    }

    private void record(Event e) throws IOException {
        sdk.telemetry().record(e);
    }

    // ---- checking for updates

    private void check() throws IOException {
        checkNow = false;
        UpdateCheck check = sdk.checkForUpdates();
        if (!check.trusted()) { // the signature checked on the bytes, before anything is parsed
            log.refused(check.refusal().wireName());
            return;
        }
        if (config.realisticPolling()) {
            long seconds = check.checkAgainAfter().getSeconds();
            nextCheckNanos = System.nanoTime() + (long) (seconds * 1e9 / config.clock());
        }
        if (config.engineFamily() != null) {
            Decision engine = check.decision(config.engineFamily());
            if (engine != null && (engine.action() == Action.UPDATE || engine.action() == Action.ROLLBACK)) {
                obtainEngine(engine);
            }
        }
        Decision decision = check.decision(config.family());
        if (decision == null) {
            return;
        }
        if (decision.rolloutId() != null) {
            log.assigned(profile.installId(), decision.rolloutId(), decision.variant());
        }
        log.first("answer " + decision.action());
        switch (decision.action()) {
            case UPDATE, ROLLBACK -> {
                obtain(decision);
                obtainAdapter(decision);
            }
            default -> {} // the SDK dropped what is no longer wanted, or uninstalled
        }
    }

    // The engine build for the device's ABI; activated at a session start, in the order Otter states.
    private void obtainEngine(Decision engine) throws IOException {
        Slot wanted = engine.target();
        StoreState held = sdk.store(config.engineFamily()).state();
        if (wanted == null || wanted.equals(held.current()) || wanted.equals(held.pending())) {
            return;
        }
        DownloadResult r = sdk.download(engine, UserConsent.CONFIRMED, network.attempt(random));
        log.fetched(r.fetched());
    }

    // The adapter the app's interface needs, once the model it goes with is here; a damaged one is
    // deleted by the SDK and fetched again at the next check.
    private void obtainAdapter(Decision decision) {
        Slot wanted = decision.target();
        if (decision.adapter() == null
                || !wanted.equals(state().pending()) && !wanted.equals(state().current())
                || !adapters.add(decision.adapter().sha256())) {
            return;
        }
        try {
            sdk.downloadAdapter(decision);
            log.adapter(decision.adapter().forInterface());
        } catch (IOException e) {
            adapters.remove(decision.adapter().sha256());
            log.verifyFailed();
        }
    }

    private void obtain(Decision decision) throws IOException {
        Slot wanted = decision.target();
        if (wanted == null || wanted.equals(state().current()) || wanted.equals(state().pending())) {
            return;
        }
        onWifi = random.nextDouble() < config.wifiRate();
        boolean fetches = !wanted.equals(state().previous()) && (onWifi || !decision.wifiOnly());
        boolean damaged = fetches && chance(config.misbehaviour().rate(decision.version(), BadSignal.VERIFY));
        network.damageNext(damaged);
        if (state().download() != null && state().download().target().equals(wanted)) {
            log.resumed();
        }
        DownloadResult r = sdk.download(decision, UserConsent.CONFIRMED, network.attempt(random));
        network.damageNext(false);
        log.fetched(r.fetched());
        if (r.patchFailed()) {
            log.patchFailed();
        }
        switch (r.outcome()) {
            case READY -> {
                if (r.patched()) {
                    log.patched(wanted.tier());
                }
                log.received(profile.installId(), wanted.version());
                log.first("received " + wanted.version());
            }
            case VERIFY_FAILED -> {
                if (damaged) {
                    log.first("verify " + wanted.version());
                }
                log.verifyFailed();
            }
            default -> {} // paused (resumes next time), or the answer's conditions do not hold now
        }
    }

    /** The query of this device's update stream (the SDK's: the check's facts, the installed version). */
    public String streamQuery() {
        return sdk.streamQuery();
    }

    // ---- telemetry (queued by the SDK; sent once per tick)

    private void report() throws IOException {
        FlushResult sent = sdk.telemetry().flush(simulatedNow());
        if (sent.accepted().isEmpty()) {
            if (sent.retryAt() != null && sent.left() > 0) {
                log.reportDeferred(sent.left()); // told to wait: the events stay and go later
            }
            return;
        }
        if (sent.refused() > 0) {
            throw new IllegalStateException("telemetry refused " + sent.refused() + " events");
        }
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Event e : sent.accepted()) {
            batch.add(e.fields());
            if (config.family().equals(e.get("family"))) { // the fleet log tallies the model family's events
                log.reported(
                        (String) e.get("rollout_id"), (String) e.get("variant"), (String) e.get("version"), metric(e));
            }
        }
        if (random.nextDouble() < config.resendRate()) {
            otter.report(Map.of("events", batch)); // a client retry: the same events again, which must not count twice
            log.duplicateSent(batch.size());
        }
    }

    private static String metric(Event e) {
        switch (e.type()) {
            case "error":
                return ((String) e.get("severity")).toLowerCase(Locale.ROOT);
            case "update":
                return "update_" + e.get("update_stage");
            default:
                return "sessions"; // as before the SDK: what the fleet log tallies per session
        }
    }

    // The device lives in the simulation's time: a compressed clock shortens Retry-After waits too.
    private Instant simulatedNow() {
        double elapsed = (System.nanoTime() - bornNanos) * Math.max(1, config.clock());
        return born.plusNanos((long) elapsed);
    }
}
