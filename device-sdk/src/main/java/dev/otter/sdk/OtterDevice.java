package dev.otter.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.sdk.check.Action;
import dev.otter.sdk.check.ActivationOrder;
import dev.otter.sdk.check.Adapter;
import dev.otter.sdk.check.Decision;
import dev.otter.sdk.check.DeviceFacts;
import dev.otter.sdk.check.UpdateCheck;
import dev.otter.sdk.check.UserConsent;
import dev.otter.sdk.download.DownloadResult;
import dev.otter.sdk.download.Fetcher;
import dev.otter.sdk.download.ModelDownloads;
import dev.otter.sdk.download.ProgressListener;
import dev.otter.sdk.net.HttpTransport;
import dev.otter.sdk.net.Transport;
import dev.otter.sdk.patch.Sha256;
import dev.otter.sdk.store.AtomicFiles;
import dev.otter.sdk.store.Faults;
import dev.otter.sdk.store.ModelStore;
import dev.otter.sdk.store.Slot;
import dev.otter.sdk.stream.UpdateStream;
import dev.otter.sdk.telemetry.Event;
import dev.otter.sdk.telemetry.TelemetryQueue;
import dev.otter.sdk.trust.AnswerTrust;
import dev.otter.sdk.trust.SignedAnswer;
import dev.otter.sdk.trust.TrustedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The device side of Otter, for an app to embed: checks for updates and believes only answers
 * signed by a trusted key, downloads what a decision wants (with the user's consent, resumably,
 * patch first, verified), switches models only at the start of a session, rolls back locally when
 * a model fails to load, and queues telemetry with consent. Every state change is crash-safe (see
 * {@link ModelStore}). One instance per app; its methods are not meant to be called concurrently
 * for the same family.
 */
public final class OtterDevice {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_KEY = "Otter-App-Key";
    /** The speed assumed for a notice's expected time before the device measured its own. */
    private static final double ASSUMED_BYTES_PER_SECOND = 2_000_000;

    private final Builder config;
    private final Map<String, ModelStore> stores = new LinkedHashMap<>();
    private final Map<String, Slot> unconfirmed = new HashMap<>();
    private final Map<String, String> requested = new HashMap<>();
    private final AtomicFiles files;
    private final AnswerTrust trust;
    private final ModelDownloads downloads;
    private final TelemetryQueue telemetry;
    private volatile UpdateStream stream;
    private long highestRevision;
    private ActivationOrder order;
    private double bytesPerSecond = ASSUMED_BYTES_PER_SECOND;

    private OtterDevice(Builder b) throws IOException {
        this.config = b;
        this.files = new AtomicFiles(b.sync, b.faults);
        this.trust = new AnswerTrust(b.keys);
        this.downloads = new ModelDownloads(new Fetcher(b.transport), b.faults);
        for (String family : b.families) {
            stores.put(family, ModelStore.open(b.storage.resolve("models").resolve(family), b.sync, b.faults));
        }
        this.telemetry = new TelemetryQueue(
                b.storage.resolve("telemetry"),
                b.transport,
                b.telemetryUrl + "/v1/telemetry/events",
                Collections.singletonMap(APP_KEY, b.appKey),
                files,
                b.telemetryCapacity,
                b.telemetryBatch);
        Path revision = b.storage.resolve("revision");
        this.highestRevision = Files.exists(revision)
                ? Long.parseLong(new String(Files.readAllBytes(revision), StandardCharsets.UTF_8).trim())
                : 0;
        Path orderFile = b.storage.resolve("order.json");
        this.order = Files.exists(orderFile)
                ? ActivationOrder.fromJson(Files.readAllBytes(orderFile))
                : ActivationOrder.NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The models held for {@code family}. */
    public ModelStore store(String family) {
        ModelStore store = stores.get(family);
        if (store == null) {
            throw new IllegalArgumentException("not a family of this client: " + family);
        }
        return store;
    }

    /** The file of the model to load for {@code family}, or null when there is none. */
    public Path currentModel(String family) {
        Slot current = store(family).state().current();
        return current == null ? null : store(family).file(current);
    }

    /**
     * Installs the model the app ships with as {@code family}'s current model, if it has none yet
     * (the file is copied and its sha256 checked).
     *
     * @return whether it was installed
     */
    public boolean installBundled(String family, Path file, String version, String tier) throws IOException {
        return store(family).installBundled(file, new Slot(version, tier, Sha256.of(file)));
    }

    /** The highest catalog revision of an answer this device believed (older answers are replays). */
    public long highestCatalogRevision() {
        return highestRevision;
    }

    /** The telemetry queue (consent, record, flush). */
    public TelemetryQueue telemetry() {
        return telemetry;
    }

    // ---- checking

    /**
     * Asks for {@code version} of {@code family} by name in the next checks (a tester, or support
     * pinning a device); null stops asking. Otter grants it only to a tester of the family's rollout
     * or the internal channel, for a published version the device can run; otherwise the decision
     * is the usual one and its message says why not.
     */
    public void requestVersion(String family, String version) {
        store(family);
        if (version == null) {
            requested.remove(family);
        } else {
            requested.put(family, version);
        }
    }

    /**
     * Asks Otter what to run. The answer is believed only if signed by a trusted key, unexpired, not
     * older than one already believed, and moving no model backwards except by a ROLLBACK; a refused
     * answer changes nothing. A believed one drops a pending model or download no longer wanted and
     * carries out UNINSTALL; downloads wait for {@link #download}.
     *
     * @throws OtterException when Otter does not answer 200
     */
    public UpdateCheck checkForUpdates() throws IOException {
        DeviceFacts facts = config.facts.get();
        Map<String, String> headers = Collections.singletonMap(APP_KEY, config.appKey);
        SignedAnswer answer;
        try (Transport.Response r = config.transport.post(
                config.updatesUrl + "/v1/update-check", JSON.writeValueAsBytes(request(facts)), headers)) {
            byte[] body = r.bytes();
            if (r.status() != 200) {
                throw new OtterException(r.status(), new String(body, StandardCharsets.UTF_8));
            }
            answer = new SignedAnswer(body, r.header("Otter-Signature"));
        }
        AnswerTrust.Outcome outcome = trust.check(answer, highestRevision, installed(), config.clock.instant());
        if (!outcome.trusted()) {
            return new UpdateCheck(Collections.<Decision>emptyList(), null, highestRevision, outcome.refusal());
        }
        JsonNode json = outcome.answer();
        remember(json.path("catalog_revision").asLong());
        List<Decision> decisions = new ArrayList<>();
        for (JsonNode d : json.path("decisions")) {
            ModelStore store = stores.get(d.path("family").asText());
            if (store != null) {
                decisions.add(settle(store, Decision.of(d, store.state(), bytesPerSecond)));
            }
        }
        ActivationOrder next = ActivationOrder.of(decisions);
        if (!next.equals(order)) { // most answers change nothing: no write
            order = next;
            files.write(config.storage.resolve("order.json"), order.toJson());
        }
        return new UpdateCheck(
                decisions, Duration.ofSeconds(json.path("check_again_after").asLong(3600)), highestRevision, null);
    }

    private Map<String, Object> request(DeviceFacts facts) {
        Map<String, Object> body = facts.fields();
        Object tier = body.remove("preferred_tier");
        List<Map<String, Object>> models = new ArrayList<>();
        for (Map.Entry<String, ModelStore> e : stores.entrySet()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("family", e.getKey());
            if (tier != null) {
                model.put("preferred_tier", tier);
            }
            if (requested.containsKey(e.getKey())) {
                model.put("requested_version", requested.get(e.getKey()));
            }
            Slot current = e.getValue().state().current();
            if (current != null) {
                model.put("installed_version", current.version());
                model.put("installed_sha256", current.sha256());
            }
            models.add(model);
        }
        body.put("models", models);
        return body;
    }

    private Map<String, String> installed() {
        Map<String, String> versions = new HashMap<>();
        stores.forEach((family, store) -> {
            if (store.state().current() != null) {
                versions.put(family, store.state().current().version());
            }
        });
        return versions;
    }

    private void remember(long revision) throws IOException {
        if (revision > highestRevision) {
            highestRevision = revision;
            files.write(
                    config.storage.resolve("revision"), Long.toString(revision).getBytes(StandardCharsets.UTF_8));
        }
    }

    // What a decision settles without a download: the assignment, what is no longer wanted, an uninstall.
    private static Decision settle(ModelStore store, Decision d) throws IOException {
        if (d.rolloutId() != null) {
            store.assigned(d.rolloutId(), d.variant());
        }
        if (d.action() == Action.UNINSTALL) {
            store.uninstall();
        } else {
            ModelDownloads.dropUnwanted(store, d.target());
        }
        return d;
    }

    // ---- the update stream

    /**
     * Holds the update stream open (a thread of its own) while the app runs: {@code onCheckNow} is
     * called when Otter says to check now (a rollback, a new release for this device) — do an
     * update check then. Open it before the first update check; it reconnects by itself, and
     * after a switch of model it reconnects with the new version. Close it when the app stops.
     * {@code onCheckNow} runs on the stream's thread: hand the check to the thread that does the
     * app's checks (this class is not meant to be used from two threads at once).
     */
    public UpdateStream openUpdateStream(Runnable onCheckNow) {
        UpdateStream s = new UpdateStream(
                config.transport,
                config.updatesUrl,
                Collections.singletonMap(APP_KEY, config.appKey),
                this::streamQuery,
                onCheckNow);
        stream = s;
        return s.start();
    }

    /** The update stream's query: the update check's facts and each family's installed version. */
    public String streamQuery() {
        StringBuilder q = new StringBuilder();
        Map<String, Object> facts = config.facts.get().fields();
        for (String f : new String[] {
            "install_id",
            "app_version",
            "runtime_version",
            "platform",
            "os_version",
            "ram_mb",
            "device_class",
            "region",
            "channel"
        }) {
            if (facts.get(f) != null) {
                q.append(q.length() == 0 ? "" : "&").append(f).append('=').append(encode(facts.get(f)));
            }
        }
        stores.forEach((family, store) -> {
            Slot current = store.state().current();
            q.append("&model=").append(encode(family + (current == null ? "" : "@" + current.version())));
        });
        return q.toString();
    }

    private static String encode(Object value) {
        try {
            return java.net.URLEncoder.encode(String.valueOf(value), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always there
        }
    }

    private void versionChanged() {
        UpdateStream s = stream;
        if (s != null) {
            s.reopen(); // the stream tells Otter what runs here: reconnect with the new version
        }
    }

    // ---- downloading

    /**
     * Obtains the model {@code decision} wants, as far as it can now; call again to resume. Nothing
     * is fetched unless {@code consent} is CONFIRMED or the decision needs no confirmation.
     */
    public DownloadResult download(Decision decision, UserConsent consent, ProgressListener listener)
            throws IOException {
        ModelStore store = store(decision.family());
        long started = System.nanoTime();
        DownloadResult result = downloads.download(
                store,
                decision,
                config.facts.get().unmetered(),
                consent,
                listener,
                (stage, version, from) -> record(update(decision.family(), stage, version, from)));
        measure(result.fetched(), System.nanoTime() - started);
        return result;
    }

    private void measure(long bytes, long nanos) {
        if (bytes > 1_000_000 && nanos > 0) {
            bytesPerSecond = 0.7 * bytesPerSecond + 0.3 * bytes * 1e9 / nanos;
        }
    }

    // ---- switching and loading

    /**
     * At the start of a session (no model loaded): switches each family with a pending model to it,
     * after checking that its file still verifies (one that does not is dropped and reported).
     * Load the returned models, then call {@link #reportLoaded} or {@link #reportLoadFailure}.
     *
     * @return the families switched, with the model now current
     */
    public Map<String, Slot> activatePendingAtSessionStart() throws IOException {
        Map<String, Slot> switched = new LinkedHashMap<>();
        for (String family : order.sorted(stores.keySet())) {
            ModelStore store = stores.get(family);
            Slot to = store.state().pending();
            if (to == null
                    || !order.ready(
                            family, f -> stores.containsKey(f) ? stores.get(f).state() : null)) {
                continue; // nothing to switch to, or it waits for another family's change (engine/model order)
            }
            if (!store.verifies(to)) {
                store.dropPending();
                record(update(
                        family,
                        "verify_failed",
                        to.version(),
                        version(store.state().current())));
                continue;
            }
            store.switchToPending();
            unconfirmed.put(family, to);
            switched.put(family, to);
        }
        if (!switched.isEmpty()) {
            versionChanged();
        }
        return switched;
    }

    /**
     * Downloads the adapter {@code decision} comes with (a prompt template, a tokenizer config) into
     * {@code adapters/<sha256>} under the storage directory, verified, resuming a partial download.
     *
     * @return the adapter file, or null when the decision has none
     * @throws IOException on a network failure (call again to resume) or a file that does not verify
     */
    public Path downloadAdapter(Decision decision) throws IOException {
        Adapter adapter = decision.adapter();
        if (adapter == null) {
            return null;
        }
        Path dir = config.storage.resolve("adapters");
        Files.createDirectories(dir);
        Path file = dir.resolve(adapter.sha256().toLowerCase(java.util.Locale.ROOT));
        if (Files.exists(file)) {
            return file;
        }
        Path part = dir.resolve(file.getFileName() + ".part");
        Fetcher.Attempt attempt =
                new Fetcher(config.transport).fetch(adapter.url(), part, adapter.sizeBytes(), ProgressListener.NONE);
        if (!attempt.complete()) {
            throw new IOException("adapter download interrupted; call again to resume");
        }
        if (!Sha256.of(part).equalsIgnoreCase(adapter.sha256())) {
            Files.deleteIfExists(part);
            throw new IOException("adapter " + adapter.url() + " does not match its sha256; deleted");
        }
        files.move(part, file);
        return file;
    }

    /** The model activated for {@code family} loaded: reported as applied. */
    public void reportLoaded(String family) throws IOException {
        Slot loaded = unconfirmed.remove(family);
        ModelStore store = store(family);
        if (loaded != null) {
            record(update(
                    family, "applied", loaded.version(), version(store.state().previous())));
        }
    }

    /**
     * The current model of {@code family} failed to load: back to the previous model if one is kept
     * (reported as load_failed and rolled_back_locally).
     *
     * @return the model now current (load it), or null when none is left
     */
    public Slot reportLoadFailure(String family) throws IOException {
        unconfirmed.remove(family);
        ModelStore store = store(family);
        Slot failed = store.state().current();
        Slot previous = store.state().previous();
        if (failed == null) {
            return null;
        }
        record(update(family, "load_failed", failed.version(), version(previous)));
        store.rollBackLocally();
        versionChanged();
        if (previous != null) {
            record(update(family, "rolled_back_locally", previous.version(), failed.version()));
        }
        return previous;
    }

    // ---- telemetry

    /**
     * A new event about {@code family}'s current model, with what Otter needs to count it: a fresh
     * {@code event_id}, the time, the device's facts, and the rollout the device is in.
     */
    public Event event(String type, String family) {
        return event(type, family, version(store(family).state().current()));
    }

    private Event event(String type, String family, String version) {
        DeviceFacts facts = config.facts.get();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("occurred_at", config.clock.instant().toString());
        e.put("consent", true);
        e.put("install_id", facts.installId());
        e.put("family", family);
        e.put("version", version);
        for (String f : new String[] {"app_version", "platform", "device_class", "os_version", "region"}) {
            if (facts.get(f) != null) {
                e.put(f, facts.get(f));
            }
        }
        ModelStore store = store(family);
        if (store.state().rolloutId() != null) {
            e.put("rollout_id", store.state().rolloutId());
            e.put("variant", store.state().variant());
        }
        return Event.of(e);
    }

    private Event update(String family, String stage, String version, String from) {
        Event e = event("update", family, version).with("update_stage", stage);
        return from == null ? e : e.with("from_version", from);
    }

    private void record(Event e) throws IOException {
        telemetry.record(e);
    }

    private static String version(Slot s) {
        return s == null ? null : s.version();
    }

    /** A sha256 of a file, as Otter writes them (for an app that verifies a model itself). */
    public static String sha256(Path file) throws IOException {
        return Sha256.of(file);
    }

    /** How to build an {@link OtterDevice}; base URL, app key, keys, storage, a family and facts are required. */
    public static final class Builder {
        private String updatesUrl;
        private String telemetryUrl;
        private String appKey;
        private TrustedKeys keys;
        private Path storage;
        private final List<String> families = new ArrayList<>();
        private Supplier<DeviceFacts> facts;
        private Transport transport = new HttpTransport();
        private Clock clock = Clock.systemUTC();
        private boolean sync = true;
        private Faults faults = Faults.NONE;
        private int telemetryCapacity = 5_000;
        private int telemetryBatch = 200;

        /** Otter's device API (manifest-service), e.g. {@code https://updates.example.com}; telemetry too unless set apart. */
        public Builder baseUrl(String url) {
            this.updatesUrl = strip(url);
            if (telemetryUrl == null) {
                telemetryUrl = updatesUrl;
            }
            return this;
        }

        /** Where telemetry goes when it is served apart (telemetry-service). */
        public Builder telemetryUrl(String url) {
            this.telemetryUrl = strip(url);
            return this;
        }

        /** The app's key (sent as {@code Otter-App-Key}). */
        public Builder appKey(String key) {
            this.appKey = key;
            return this;
        }

        /** The keys answers must be signed with (pinned in the app). */
        public Builder trustedKeys(TrustedKeys k) {
            this.keys = k;
            return this;
        }

        /** A directory private to the app, for models, state and queued telemetry. */
        public Builder storage(Path dir) {
            this.storage = dir;
            return this;
        }

        /** A model family the app runs (one or more). */
        public Builder family(String family) {
            this.families.add(family);
            return this;
        }

        /** Called for each check and event: the device's facts now. */
        public Builder facts(Supplier<DeviceFacts> provider) {
            this.facts = provider;
            return this;
        }

        /** Another HTTP stack (default: {@link HttpTransport}). */
        public Builder transport(Transport t) {
            this.transport = t;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Whether writes are flushed to the disk before they count (default true; off only for simulators). */
        public Builder sync(boolean s) {
            this.sync = s;
            return this;
        }

        /** Where tests stop the work (see {@link Faults}). */
        public Builder faults(Faults f) {
            this.faults = f;
            return this;
        }

        /** Events kept at most while offline (default 5,000), and per request (default 200). */
        public Builder telemetryLimits(int capacity, int batch) {
            this.telemetryCapacity = capacity;
            this.telemetryBatch = batch;
            return this;
        }

        public OtterDevice build() throws IOException {
            Objects.requireNonNull(updatesUrl, "baseUrl");
            Objects.requireNonNull(appKey, "appKey");
            Objects.requireNonNull(keys, "trustedKeys");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(facts, "facts");
            if (families.isEmpty()) {
                throw new IllegalStateException("at least one family");
            }
            return new OtterDevice(this);
        }

        private static String strip(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
