package dev.otter.contract.rollout;

/** A platform, optionally with an inclusive OS version range ({@code android}, 12 to 14). */
public record PlatformRange(String platform, String minOs, String maxOs) {}
