package dev.otter.manifest.catalog.api;

import jakarta.validation.constraints.Size;

/** Why a version is deprecated or retired (required to retire: devices are told). */
public record TransitionRequest(@Size(max = 2000) String reason) {}
