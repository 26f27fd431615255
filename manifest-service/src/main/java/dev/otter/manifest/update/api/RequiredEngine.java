package dev.otter.manifest.update.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The engine versions that load the offered model: a family and an inclusive range (an absent end is open). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequiredEngine(String family, String minVersion, String maxVersion) {}
