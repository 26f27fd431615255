package dev.otter.simulator.scenario;

import dev.otter.simulator.device.Device;
import dev.otter.simulator.fleet.Fleet;
import dev.otter.simulator.fleet.FleetLog;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long after the rollback decision the devices that were running the bad version were back on
 * the baseline: percentiles over all of them and split by devices holding the update stream and
 * devices only polling. A device that never got back counts as not back (its time is missing).
 */
public record ReturnTimes(Group all, Group streaming, Group polling) {

    /** One group's times (ms after the decision, sorted) and how many were affected. */
    public record Group(String name, int affected, long[] backMillis) {

        /** The time by which {@code percent} % of the affected devices were back; -1 if they never were. */
        public long percentile(double percent) {
            int needed = (int) Math.ceil(percent / 100 * affected);
            if (needed == 0) {
                return 0;
            }
            return needed <= backMillis.length ? backMillis[needed - 1] : -1;
        }
    }

    static ReturnTimes measure(Fleet fleet, FleetLog log, Instant decision, String bad, String baseline) {
        Map<String, List<FleetLog.Switch>> switches = log.switches();
        List<Long> all = new ArrayList<>();
        List<Long> streaming = new ArrayList<>();
        List<Long> polling = new ArrayList<>();
        int[] affected = new int[3];
        for (Device d : fleet.devices()) {
            List<FleetLog.Switch> history = switches.getOrDefault(d.profile().installId(), List.of());
            if (!bad.equals(versionAt(history, decision))) {
                continue;
            }
            boolean streams = fleet.streams(d);
            affected[0]++;
            affected[streams ? 1 : 2]++;
            Long back = history.stream()
                    .filter(s -> s.at().isAfter(decision) && s.version().equals(baseline))
                    .findFirst()
                    .map(s -> Duration.between(decision, s.at()).toMillis())
                    .orElse(null);
            if (back != null) {
                all.add(back);
                (streams ? streaming : polling).add(back);
            }
        }
        return new ReturnTimes(
                group("all", affected[0], all),
                group("update stream", affected[1], streaming),
                group("polling", affected[2], polling));
    }

    private static String versionAt(List<FleetLog.Switch> history, Instant t) {
        String version = null;
        for (FleetLog.Switch s : history) {
            if (s.at().isAfter(t)) {
                break;
            }
            version = s.version();
        }
        return version;
    }

    private static Group group(String name, int affected, List<Long> back) {
        return new Group(
                name,
                affected,
                back.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /** Prints the percentiles in real seconds and, with a compressed clock, in simulated minutes. */
    void print(PrintStream out, double clock) {
        out.println();
        out.println("Back on the baseline after the rollback decision (devices that were running the bad version):");
        for (Group g : List.of(all, streaming, polling)) {
            if (g.affected() == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format("  %-14s %4d devices:", g.name(), g.affected()));
            for (double p : new double[] {50, 90, 99, 100}) {
                long ms = g.percentile(p);
                line.append(String.format("  %s%% %s", p == 100 ? "100" : String.format("%.0f", p), show(ms, clock)));
            }
            out.println(line);
        }
    }

    private static String show(long ms, double clock) {
        if (ms < 0) {
            return "never";
        }
        return clock > 0
                ? String.format("%.1f s (%.1f min simulated)", ms / 1000.0, ms * clock / 60_000.0)
                : String.format("%.1f s", ms / 1000.0);
    }
}
