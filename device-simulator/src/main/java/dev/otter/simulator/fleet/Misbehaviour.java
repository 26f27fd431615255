package dev.otter.simulator.fleet;

/** A release that misbehaves on one signal: its version, the signal, and how often (per chance it has). */
public record Misbehaviour(BadSignal signal, String version, double rate) {
    /** No release misbehaves beyond its crash and load-failure rates. */
    public static final Misbehaviour NONE = new Misbehaviour(BadSignal.CRASH, "", 0);

    /** The rate at which {@code version} misbehaves on {@code s} (0 if it does not). */
    public double rate(String version, BadSignal s) {
        return s == signal && this.version.equals(version) ? rate : 0;
    }
}
