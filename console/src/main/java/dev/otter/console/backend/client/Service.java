package dev.otter.console.backend.client;

/** The Otter services whose operator APIs the console calls. */
public enum Service {
    MANIFEST,
    ROLLOUT,
    TELEMETRY
}
