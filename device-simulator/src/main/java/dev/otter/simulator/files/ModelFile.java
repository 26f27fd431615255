package dev.otter.simulator.files;

import java.nio.file.Path;

/** A generated model file of one version and tier: where it is, its size and sha256. */
public record ModelFile(String version, String tier, Path path, long size, String sha256) {}
