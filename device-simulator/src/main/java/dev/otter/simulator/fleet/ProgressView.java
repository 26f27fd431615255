package dev.otter.simulator.fleet;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** One line per tick: a bar of the fleet by version, the crash rate per version since the last line, and the rollout. */
public final class ProgressView {
    private static final int WIDTH = 30;
    private static final char[] MARKS = {'#', '=', '+', '-', '~'};

    private final PrintStream out;

    public ProgressView(PrintStream out) {
        this.out = out;
    }

    public void show(
            long seconds, Map<String, Integer> versions, Map<String, long[]> crashes, String rollout, long failed) {
        int total = versions.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder bar = new StringBuilder();
        int mark = 0;
        for (Map.Entry<String, Integer> e : versions.entrySet()) {
            int cells = total == 0 ? 0 : Math.round((float) WIDTH * e.getValue() / total);
            bar.append(String.valueOf(e.getKey().equals("none") ? '.' : MARKS[mark++ % MARKS.length])
                    .repeat(cells));
        }
        String fleet = versions.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String rates = crashes.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0)
                .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue()[1] / e.getValue()[0]))
                .collect(Collectors.joining(", "));
        out.printf(
                "t+%3ds [%-" + WIDTH + "s] fleet: %s | crash rate: %s | rollout: %s%s%n",
                seconds,
                bar.length() > WIDTH ? bar.substring(0, WIDTH) : bar,
                fleet,
                rates.isEmpty() ? "-" : rates,
                rollout,
                failed > 0 ? " | failed device ticks: " + failed : "");
    }
}
