package dev.otter.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What the fleet did, for the live summary, the timeline and the end-to-end checks: firsts (first
 * install of a version, first crash, first ROLLBACK answer), what each device received and was
 * assigned, and the telemetry it reported (counted once, however often it was sent).
 */
public final class FleetLog {
    private final Instant start = Instant.now();
    private final Map<String, Instant> firsts = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> received = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> assignments = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> reported = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> window = new ConcurrentHashMap<>();
    private final AtomicLong verifyFailures = new AtomicLong();
    private final AtomicLong resumedDownloads = new AtomicLong();
    private final AtomicLong localRollbacks = new AtomicLong();
    private final AtomicLong duplicateSends = new AtomicLong();
    private final AtomicLong deferredReports = new AtomicLong();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final AtomicLong fetchedBytes = new AtomicLong();
    private final AtomicLong patchFailures = new AtomicLong();
    private final Map<String, AtomicLong> patched = new ConcurrentHashMap<>();

    /** Notes the first time something happened (later calls are ignored). */
    public void first(String what) {
        firsts.putIfAbsent(what, Instant.now());
    }

    public Map<String, Instant> firsts() {
        return Map.copyOf(firsts);
    }

    public Instant start() {
        return start;
    }

    public Duration since(Instant t) {
        return Duration.between(start, t);
    }

    /** A device started using a version (at the start of a session). */
    public void switched(String installId, String version) {
        switches.computeIfAbsent(installId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new Switch(Instant.now(), version));
    }

    /** When a device started using a version. */
    public record Switch(Instant at, String version) {}

    /** Every device's switches, oldest first, by install id. */
    public Map<String, List<Switch>> switches() {
        return Map.copyOf(switches);
    }

    private final Map<String, List<Switch>> switches = new ConcurrentHashMap<>();

    public void received(String installId, String version) {
        received.computeIfAbsent(installId, k -> ConcurrentHashMap.newKeySet()).add(version);
    }

    /** Versions each device received (downloaded or restored), by install id. */
    public Map<String, Set<String>> received() {
        return Map.copyOf(received);
    }

    public void assigned(String installId, String rolloutId, String variant) {
        assignments
                .computeIfAbsent(installId, k -> ConcurrentHashMap.newKeySet())
                .add(rolloutId + "/" + variant);
    }

    /** Rollout/variant pairs each device was told, by install id. */
    public Map<String, Set<String>> assignments() {
        return Map.copyOf(assignments);
    }

    /** One accepted event, tallied under {@code (rolloutId or -)|(variant or -)|version|metric}. */
    public void reported(String rolloutId, String variant, String version, String metric) {
        String key = (rolloutId == null ? "-" : rolloutId) + "|" + (variant == null ? "-" : variant) + "|" + version
                + "|" + metric;
        reported.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        window.computeIfAbsent(version + "|" + metric, k -> new AtomicLong()).incrementAndGet();
    }

    /** Accepted events per tally key. */
    public Map<String, Long> reported() {
        return reported.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** Sessions and crashes per version since the last call (for a live crash rate), then resets. */
    public Map<String, long[]> drainWindow() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String key : List.copyOf(window.keySet())) {
            long n = window.remove(key).get();
            String[] p = key.split("\\|");
            long[] sc = out.computeIfAbsent(p[0], k -> new long[2]);
            if (p[1].equals("sessions")) {
                sc[0] += n;
            } else if (p[1].equals("fatal")) {
                sc[1] += n;
            }
        }
        return out;
    }

    /** Events sent a second time (a client retry), which telemetry must not count again. */
    /** A report the service asked to come back later (429/503): its events were kept. */
    public void reportDeferred(int events) {
        deferredReports.addAndGet(events);
    }

    public long deferredReports() {
        return deferredReports.get();
    }

    public void duplicateSent(int events) {
        duplicateSends.addAndGet(events);
    }

    public long duplicateSends() {
        return duplicateSends.get();
    }

    /** Bytes a device received over the network (full files, patches, resumed parts). */
    public void fetched(long bytes) {
        fetchedBytes.addAndGet(bytes);
    }

    public long fetchedBytes() {
        return fetchedBytes.get();
    }

    /** A model obtained by applying a patch, per tier. */
    public void patched(String tier) {
        patched.computeIfAbsent(tier, k -> new AtomicLong()).incrementAndGet();
    }

    public Map<String, Long> patchedByTier() {
        return patched.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** A patch that did not verify or apply (the device then took the full file). */
    /** A device fetched the adapter its app's interface needs (for {@code forInterface}). */
    public void adapter(String forInterface) {
        adapters.computeIfAbsent(forInterface, k -> new AtomicLong()).incrementAndGet();
    }

    /** Adapters fetched, by the app interface they serve. */
    public Map<String, Long> adapters() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        adapters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private final Map<String, AtomicLong> adapters = new ConcurrentHashMap<>();

    public void patchFailed() {
        patchFailures.incrementAndGet();
    }

    public long patchFailures() {
        return patchFailures.get();
    }

    /** An answer the device did not believe: bad signature, expired, replayed, or a downgrade without ROLLBACK. */
    public void refused(String why) {
        refusals.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
    }

    public Map<String, Long> refusals() {
        return refusals.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    public void verifyFailed() {
        verifyFailures.incrementAndGet();
    }

    public void resumed() {
        resumedDownloads.incrementAndGet();
    }

    public void rolledBackLocally() {
        localRollbacks.incrementAndGet();
    }

    public long verifyFailures() {
        return verifyFailures.get();
    }

    public long resumedDownloads() {
        return resumedDownloads.get();
    }

    public long localRollbacks() {
        return localRollbacks.get();
    }
}
