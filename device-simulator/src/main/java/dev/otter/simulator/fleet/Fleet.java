package dev.otter.simulator.fleet;

import dev.otter.sdk.net.HttpTransport;
import dev.otter.sdk.trust.TrustedKeys;
import dev.otter.simulator.api.OtterClient;
import dev.otter.simulator.api.UpdateStream;
import dev.otter.simulator.device.Device;
import dev.otter.simulator.device.DeviceProfile;
import dev.otter.simulator.device.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** A fleet of simulated devices, each with its state under {@code stateDir/<install id>}, ticking together. */
public final class Fleet implements AutoCloseable {
    private final List<Device> devices = new ArrayList<>();
    private final ExecutorService pool;
    private final FleetLog log;
    private final AtomicLong failedTicks = new AtomicLong();
    private final Map<Device, Integer> failingFor = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int longestFailure;
    private volatile String lastFailure;
    private final Map<Device, UpdateStream> streams = new HashMap<>();
    private final Map<Device, String> streamedVersion = new HashMap<>();

    public Fleet(int size, Path stateDir, OtterClient otter, FleetConfig config, FleetLog log, int parallelism)
            throws IOException {
        this.log = log;
        this.pool = Executors.newFixedThreadPool(parallelism);
        // The SDK talks HttpURLConnection, whose pool keeps 5 idle connections per host by default:
        // a fleet of threads would reconnect for most calls. Read once, before the first connection.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, 2 * parallelism)));
        }
        Network network = new Network(new HttpTransport(), config.breakRate(), config.corruptRate());
        TrustedKeys keys = otter.trustedKeys();
        for (int n = 0; n < size; n++) {
            DeviceProfile profile = DeviceProfile.of(config.seed(), n);
            devices.add(new Device(profile, stateDir.resolve(profile.installId()), otter, keys, network, config, log));
        }
        if (config.realisticPolling() && config.streamShare() > 0) {
            // Every k-th device holds the stream, so streaming and polling devices have the same profiles.
            int streaming = (int) Math.round(config.streamShare() * size);
            for (int n = 0; n < streaming; n++) {
                Device d = devices.get((int) ((long) n * size / streaming));
                streams.put(d, UpdateStream.open(otter, d::streamQuery, d::checkNow));
                streamedVersion.put(d, version(d));
            }
        }
    }

    /** Whether the device holds an update stream. */
    public boolean streams(Device d) {
        return streams.containsKey(d);
    }

    private static String version(Device d) {
        return d.state().current() == null ? "none" : d.state().current().version();
    }

    public List<Device> devices() {
        return List.copyOf(devices);
    }

    public FleetLog log() {
        return log;
    }

    /** Runs one tick of every device in parallel; a device whose tick fails tries again next tick. */
    public void tick() throws InterruptedException {
        List<Future<?>> running = new ArrayList<>(devices.size());
        for (Device d : devices) {
            running.add(pool.submit(() -> {
                d.tick();
                return null;
            }));
        }
        for (int i = 0; i < running.size(); i++) {
            Device d = devices.get(i);
            try {
                running.get(i).get();
                failingFor.remove(d);
            } catch (java.util.concurrent.ExecutionException e) {
                failedTicks.incrementAndGet();
                lastFailure = e.getCause().toString();
                longestFailure = Math.max(longestFailure, failingFor.merge(d, 1, Integer::sum));
            }
        }
        // A device that now runs another version tells its stream, as an SDK reconnects after an install.
        streams.forEach((d, stream) -> {
            String now = version(d);
            if (!now.equals(streamedVersion.get(d))) {
                streamedVersion.put(d, now);
                stream.reopen();
            }
        });
    }

    /** How many devices run each version now ("none" for no model). */
    public Map<String, Integer> versions() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Device d : devices) {
            String v =
                    d.state().current() == null ? "none" : d.state().current().version();
            counts.merge(v, 1, Integer::sum);
        }
        return counts;
    }

    /** How many devices run each engine version now ("none" for no engine yet); empty without an engine family. */
    public Map<String, Integer> engineVersions() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Device d : devices) {
            if (d.config().engineFamily() != null) {
                counts.merge(d.engineVersion() == null ? "none" : d.engineVersion(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** How many devices' apps use each set of model interfaces (two interface levels in one fleet). */
    public Map<String, Integer> interfaceLevels() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Device d : devices) {
            counts.merge(String.join("+", d.profile().interfaces()), 1, Integer::sum);
        }
        return counts;
    }

    public long failedTicks() {
        return failedTicks.get();
    }

    /** The most ticks in a row any one device failed: what its retries had to ride out. */
    public int longestFailure() {
        return longestFailure;
    }

    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        streams.values().forEach(UpdateStream::close);
        pool.shutdownNow();
    }
}
