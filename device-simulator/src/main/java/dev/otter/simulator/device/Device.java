package dev.otter.simulator.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.otter.delta.PatchApplier;
import dev.otter.delta.PatchException;
import dev.otter.gguf.GgufException;
import dev.otter.gguf.GgufReader;
import dev.otter.sdk.trust.AnswerTrust;
import dev.otter.sdk.trust.SignedAnswer;
import dev.otter.simulator.api.OtterClient;
import dev.otter.simulator.files.DemoModels;
import dev.otter.simulator.fleet.BadSignal;
import dev.otter.simulator.fleet.FleetConfig;
import dev.otter.simulator.fleet.FleetLog;
import dev.otter.simulator.fleet.Misbehaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One simulated device following the device protocol of the seeds, one tick at a time:
 *
 * <ol>
 *   <li>at the start of a session, switch to a pending model (never while one is loaded), check
 *       its sha256 and GGUF header before loading it, and go back to the previous model if it fails
 *       to load;
 *   <li>use the model (a session), crashing with the version's crash probability;
 *   <li>check for updates, believing only an answer signed by a published key, not expired, and not
 *       older than one already seen; move to an older model only on a ROLLBACK;
 *   <li>download only when the answer's conditions hold (Wi-Fi, storage),
 *       resumably; verify the sha256 (a mismatch is discarded and reported); a ROLLBACK to the
 *       version kept in the previous slot needs no download;
 *   <li>report sessions, crashes and update outcomes with consent (devices without consent report
 *       nothing).
 * </ol>
 */
public final class Device {
    private final DeviceProfile profile;
    private final Path dir;
    private final OtterClient otter;
    private final Downloader downloader;
    private final AnswerTrust verifier;
    private final FleetConfig config;
    private final FleetLog log;
    private final Random random;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private DeviceState state;
    private String skipPatchFor; // a model whose patch failed here: take the full file
    private volatile boolean checkNow; // set by the update stream's "check now"
    private long nextCheckNanos; // with a compressed clock: when check_again_after says (0: at start)

    public Device(
            DeviceProfile profile,
            Path dir,
            OtterClient otter,
            AnswerTrust verifier,
            Downloader downloader,
            FleetConfig config,
            FleetLog log)
            throws IOException {
        this.verifier = verifier;
        this.profile = profile;
        this.dir = dir;
        this.otter = otter;
        this.downloader = downloader;
        this.config = config;
        this.log = log;
        this.random = new Random(profile.installId().hashCode() ^ config.seed());
        Files.createDirectories(dir);
        this.state = DeviceState.load(dir);
    }

    public DeviceProfile profile() {
        return profile;
    }

    public DeviceState state() {
        return state;
    }

    /** The file of the model in use (it exists when {@code state().current()} is set). */
    public Path currentModelFile() {
        return file("current");
    }

    /** One tick: maybe a session, maybe an update check, then the tick's telemetry. */
    public void tick() throws IOException, InterruptedException {
        if (state.pending() != null && state.download() == null) {
            switchToPending();
        }
        if (state.current() != null && random.nextDouble() < config.sessionRate()) {
            session();
        }
        if (state.download() != null || dueForCheck()) {
            check();
        }
        state.save(dir);
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

    // ---- switching models

    private void switchToPending() throws IOException {
        Slot from = state.current();
        Slot to = state.pending();
        if (from != null) {
            Files.move(file("current"), file("previous"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(file("pending"), file("current"), StandardCopyOption.REPLACE_EXISTING);
        state = state.withPrevious(from).withCurrent(to).withPending(null);
        if (loads(to)) {
            event(update("applied", to.version(), from == null ? null : from.version()));
            log.switched(profile.installId(), to.version());
            return;
        }
        // Local rollback: the new model does not load; the previous one is still on disk.
        event(update("load_failed", to.version(), from == null ? null : from.version()));
        log.first("load " + to.version());
        Files.deleteIfExists(file("current"));
        if (from != null) {
            Files.move(file("previous"), file("current"), StandardCopyOption.REPLACE_EXISTING);
            event(update("rolled_back_locally", from.version(), to.version()));
            log.rolledBackLocally();
            log.switched(profile.installId(), from.version());
        }
        state = state.withCurrent(from).withPrevious(null);
    }

    // Before use: the file must still be the verified one and a readable GGUF model.
    private boolean loads(Slot slot) throws IOException {
        try {
            if (!DemoModels.sha256(file("current")).equals(slot.sha256())) {
                return false;
            }
            GgufReader.verifyLayout(GgufReader.read(file("current")), Files.size(file("current")));
        } catch (GgufException e) {
            return false;
        }
        return random.nextDouble() >= config.loadFailureRate(slot.version());
    }

    // ---- using the model

    private void session() {
        String version = state.current().version();
        event(base("session", version));
        if (random.nextDouble() < config.crashRate(version)) {
            error(version, "FATAL", "E_SIGSEGV", "segfault in ggml_compute_forward");
            log.first("crash " + version);
        }
        Misbehaviour bad = config.misbehaviour();
        if (chance(bad.rate(version, BadSignal.SEVERE))) {
            error(version, "SEVERE", "E_KV_CACHE", "kv cache allocation failed; answer truncated");
            log.first("severe " + version);
        }
        if (bad.signal().resource()) {
            resourceReport(version, bad);
        }
    }

    private void error(String version, String severity, String code, String description) {
        Map<String, Object> error = base("error", version);
        error.put("severity", severity);
        error.put("error_code", code);
        error.put("description", description);
        error.put("scenario", "chat");
        event(error);
    }

    // A draw only when something can happen: a fleet without misbehaviour keeps its random sequence.
    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    // With a release bad on a resource limit, each session also reports its resources: over the
    // limit with the release's rate, comfortably under it otherwise.
    private void resourceReport(String version, Misbehaviour bad) {
        Map<String, Object> report = base("resource", version);
        report.put("cpu_percent", 25.0);
        report.put("memory_percent", 30.0);
        report.put("storage_percent", 3.0);
        report.put("battery_drain_per_hour", 0.8);
        if (chance(bad.rate(version, bad.signal()))) {
            switch (bad.signal()) {
                case CPU -> report.put("cpu_percent", 92.0);
                case MEMORY -> report.put("memory_percent", 81.0);
                case STORAGE -> report.put("storage_percent", 18.0);
                default -> report.put("battery_drain_per_hour", 5.5);
            }
            log.first(bad.signal().cliName() + " " + version);
        }
        event(report);
    }

    // ---- checking for updates

    private void check() throws IOException, InterruptedException {
        checkNow = false;
        SignedAnswer answer = otter.updateCheckSigned(request());
        AnswerTrust.Outcome outcome = verifier.check(
                answer,
                state.highestCatalogRevision(),
                state.current() == null
                        ? Map.of()
                        : Map.of(config.family(), state.current().version()),
                Instant.now());
        if (!outcome.trusted()) { // the signature checked on the bytes, before anything is parsed
            log.refused(outcome.refusal().wireName());
            return;
        }
        JsonNode json = outcome.answer();
        JsonNode decision = json.path("decisions").path(0);
        String action = decision.path("action").asText();
        state = state.withCatalogRevision(json.path("catalog_revision").asLong());
        if (config.realisticPolling()) {
            long seconds = json.path("check_again_after").asLong(60);
            nextCheckNanos = System.nanoTime() + (long) (seconds * 1e9 / config.clock());
        }
        JsonNode assignment = decision.path("assignment");
        if (assignment.hasNonNull("rollout_id")) {
            state = state.withAssignment(
                    assignment.get("rollout_id").asText(),
                    assignment.path("variant").asText(null));
            log.assigned(profile.installId(), state.lastRolloutId(), state.lastVariant());
        }
        log.first("answer " + action);
        switch (action) {
            case "UPDATE", "ROLLBACK" -> obtain(decision);
            case "UNINSTALL" -> uninstall();
            default -> dropUnwanted(null); // keep what runs: a pending model or download is no longer wanted
        }
    }

    /** The query of this device's update stream: the update check's fields, the installed version. */
    public String streamQuery() {
        StringBuilder q = new StringBuilder();
        q.append("install_id=")
                .append(profile.installId())
                .append("&app_version=")
                .append(profile.appVersion())
                .append("&runtime_version=")
                .append(profile.runtimeVersion())
                .append("&platform=")
                .append(profile.platform())
                .append("&os_version=")
                .append(profile.osVersion())
                .append("&ram_mb=")
                .append(profile.ramMb())
                .append("&device_class=")
                .append(profile.deviceClass())
                .append("&region=")
                .append(profile.region())
                .append("&channel=")
                .append(config.channel())
                .append("&model=")
                .append(config.family());
        Slot current = state.current();
        if (current != null) {
            q.append('@').append(current.version());
        }
        return q.toString();
    }

    private Map<String, Object> request() {
        Map<String, Object> model = new HashMap<>();
        model.put("family", config.family());
        model.put("preferred_tier", profile.preferredTier());
        if (state.current() != null) {
            model.put("installed_version", state.current().version());
            model.put("installed_sha256", state.current().sha256());
        }
        return OtterClient.obj(
                "install_id", profile.installId(),
                "app_version", profile.appVersion(),
                "runtime_version", profile.runtimeVersion(),
                "platform", profile.platform(),
                "os_version", profile.osVersion(),
                "device_model", profile.deviceModel(),
                "ram_mb", profile.ramMb(),
                "device_class", profile.deviceClass(),
                "free_storage_mb", 8_000,
                "region", profile.region(),
                "channel", config.channel(),
                "models", List.of(model));
    }

    private void obtain(JsonNode decision) throws IOException, InterruptedException {
        String version = decision.path("version").asText();
        JsonNode artifact = decision.path("artifact");
        Slot wanted = new Slot(
                version, artifact.path("tier").asText(), artifact.path("sha256").asText());
        dropUnwanted(wanted);
        if (wanted.equals(state.pending()) || wanted.equals(state.current())) {
            return;
        }
        if (wanted.equals(state.previous())) {
            // Going back to the model kept for a local rollback: no download.
            Files.move(file("previous"), file("pending"), StandardCopyOption.REPLACE_EXISTING);
            state = state.withPending(wanted).withPrevious(null);
            log.received(profile.installId(), version);
            return;
        }
        JsonNode conditions = decision.path("download");
        boolean onWifi = random.nextDouble() < config.wifiRate();
        if (conditions.path("wifi_only").asBoolean() && !onWifi
                || !conditions.path("enough_storage").asBoolean(true)) {
            return; // the answer's conditions do not hold now: try again later
        }
        DeviceState.Download d = state.download();
        if (d == null || !d.target().equals(wanted.sha256())) {
            Files.deleteIfExists(file("download.part"));
            d = newDownload(version, wanted, artifact);
            state = state.withDownload(d);
            event(update("download_started", version, currentVersion()));
        } else {
            // Resume with the fresh link of this answer: links expire, the bytes already here do not.
            d = d.withUrl(
                    d.patch()
                            ? artifact.path("patch").path("url").asText()
                            : artifact.path("url").asText());
            log.resumed();
        }
        Downloader.Attempt attempt = downloader.fetch(d.url(), file("download.part"), d.size(), random);
        log.fetched(attempt.fetched());
        if (attempt.complete()) {
            if (finishDownload(d, wanted)) {
                obtain(decision); // the patch did not work: fall back to the full file right away
            }
        }
    }

    // A patch when the answer has one for the installed file (and it has not failed here before).
    private DeviceState.Download newDownload(String version, Slot wanted, JsonNode artifact) {
        JsonNode patch = artifact.path("patch");
        if (patch.isObject()
                && state.current() != null
                && state.current().sha256().equals(patch.path("base_sha256").asText())
                && !wanted.sha256().equals(skipPatchFor)) {
            return new DeviceState.Download(
                    version,
                    wanted.tier(),
                    patch.path("url").asText(),
                    patch.path("size_bytes").asLong(),
                    patch.path("sha256").asText(),
                    wanted.sha256(),
                    true);
        }
        return new DeviceState.Download(
                version,
                wanted.tier(),
                artifact.path("url").asText(),
                artifact.path("size_bytes").asLong(),
                wanted.sha256(),
                wanted.sha256(),
                false);
    }

    /** Verifies (and for a patch, applies) a complete download; true when a failed patch wants the full file. */
    private boolean finishDownload(DeviceState.Download d, Slot wanted) throws IOException {
        if (d.patch()) {
            try {
                new PatchApplier().apply(file("current"), file("download.part"), d.sha256(), file("patched.part"));
                Files.move(file("patched.part"), file("download.part"), StandardCopyOption.REPLACE_EXISTING);
                log.patched(wanted.tier());
            } catch (PatchException e) {
                Files.deleteIfExists(file("download.part"));
                state = state.withDownload(null);
                event(update("verify_failed", d.version(), currentVersion()));
                log.patchFailed();
                skipPatchFor = wanted.sha256();
                return true;
            }
        }
        // a release bad on verification: its file arrives damaged (as from a broken build or mirror)
        boolean damaged = chance(config.misbehaviour().rate(d.version(), BadSignal.VERIFY));
        if (damaged || !DemoModels.sha256(file("download.part")).equals(wanted.sha256())) {
            if (damaged) {
                log.first("verify " + d.version());
            }
            Files.delete(file("download.part")); // never keep a file that does not match
            state = state.withDownload(null);
            event(update("verify_failed", d.version(), currentVersion()));
            log.verifyFailed();
            return false;
        }
        Files.move(file("download.part"), file("pending"), StandardCopyOption.REPLACE_EXISTING);
        state = state.withDownload(null).withPending(wanted);
        event(update("downloaded", d.version(), currentVersion()));
        log.received(profile.installId(), d.version());
        log.first("received " + d.version());
        return false;
    }

    // The server decides what the device should run: a pending model or a download of anything
    // else is discarded (e.g. the rollout was paused or rolled back before the device switched).
    private void dropUnwanted(Slot wanted) throws IOException {
        if (state.pending() != null && !state.pending().equals(wanted)) {
            Files.deleteIfExists(file("pending"));
            state = state.withPending(null);
        }
        if (state.download() != null
                && (wanted == null || !state.download().target().equals(wanted.sha256()))) {
            Files.deleteIfExists(file("download.part"));
            state = state.withDownload(null);
        }
    }

    private void uninstall() throws IOException {
        Files.deleteIfExists(file("current"));
        Files.deleteIfExists(file("pending"));
        state = state.withCurrent(null).withPending(null);
    }

    // ---- telemetry

    private Map<String, Object> base(String type, String version) {
        Map<String, Object> e = new HashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("occurred_at", Instant.now().toString());
        e.put("consent", true);
        e.put("install_id", profile.installId());
        e.put("family", config.family());
        e.put("version", version);
        e.put("app_version", profile.appVersion());
        e.put("platform", profile.platform());
        e.put("device_class", profile.deviceClass());
        e.put("os_version", profile.osVersion());
        e.put("region", profile.region());
        if (state.lastRolloutId() != null) {
            e.put("rollout_id", state.lastRolloutId());
            e.put("variant", state.lastVariant());
        }
        return e;
    }

    private Map<String, Object> update(String stage, String version, String fromVersion) {
        Map<String, Object> e = base("update", version);
        e.put("update_stage", stage);
        if (fromVersion != null) {
            e.put("from_version", fromVersion);
        }
        return e;
    }

    private void event(Map<String, Object> e) {
        events.add(e);
    }

    private void report() {
        if (events.isEmpty()) {
            return;
        }
        List<Map<String, Object>> batch = List.copyOf(events);
        if (!profile.consents()) {
            events.clear();
            return; // the user did not agree to reporting: nothing leaves the device
        }
        Map<String, Object> body = Map.of("events", batch);
        JsonNode answer;
        try {
            answer = otter.report(body);
        } catch (OtterClient.CallFailed e) {
            if (e.status() == 429 || e.status() == 503) {
                log.reportDeferred(batch.size()); // told to wait: the events stay and go with the next report
                return;
            }
            throw e;
        }
        events.clear();
        if (answer.path("accepted").asInt() != batch.size()) {
            throw new IllegalStateException("telemetry refused events: " + answer);
        }
        for (Map<String, Object> e : batch) {
            String metric =
                    switch ((String) e.get("type")) {
                        case "error" -> ((String) e.get("severity")).toLowerCase(java.util.Locale.ROOT);
                        case "update" -> "update_" + e.get("update_stage");
                        default -> "sessions";
                    };
            log.reported((String) e.get("rollout_id"), (String) e.get("variant"), (String) e.get("version"), metric);
        }
        if (random.nextDouble() < config.resendRate()) {
            otter.report(body); // a client retry: the same events again, which must not count twice
            log.duplicateSent(batch.size());
        }
    }

    private String currentVersion() {
        return state.current() == null ? null : state.current().version();
    }

    private Path file(String slot) {
        return dir.resolve(slot.endsWith(".part") ? slot : slot + ".gguf");
    }
}
