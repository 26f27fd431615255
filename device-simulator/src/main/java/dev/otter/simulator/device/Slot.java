package dev.otter.simulator.device;

/** A model held in one of the device's slots: version, tier, and the sha256 of the file. */
public record Slot(String version, String tier, String sha256) {}
