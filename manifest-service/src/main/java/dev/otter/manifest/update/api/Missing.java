package dev.otter.manifest.update.api;

/**
 * One requirement the device does not meet, e.g. {@code ram_mb}: needed 6144, has 4096, "needs
 * 6144 MB RAM, has 4096".
 */
public record Missing(String requirement, String needed, String has, String message) {}
