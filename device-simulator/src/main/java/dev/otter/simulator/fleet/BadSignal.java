package dev.otter.simulator.fleet;

import java.util.Locale;

/** How a bad release misbehaves in the simulation, and the guard signal that should catch it. */
public enum BadSignal {
    CRASH("crash"),
    LOAD("load_failure"),
    VERIFY("verify_failure"),
    SEVERE("severe_errors"),
    CPU("cpu_over"),
    MEMORY("memory_over"),
    STORAGE("storage_over"),
    BATTERY("battery_over");

    private final String guardSignal;

    BadSignal(String guardSignal) {
        this.guardSignal = guardSignal;
    }

    /** The guard signal (docs/api.md) this misbehaviour shows on. */
    public String guardSignal() {
        return guardSignal;
    }

    /** Whether it shows in resource reports (devices then send one with each session). */
    public boolean resource() {
        return this == CPU || this == MEMORY || this == STORAGE || this == BATTERY;
    }

    /** The name on the command line and in the fleet log: {@code battery}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
