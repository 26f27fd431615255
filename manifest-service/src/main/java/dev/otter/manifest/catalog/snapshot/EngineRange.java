package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.version.SemVer;

/** The engine versions that load a model version: a family and an inclusive range (a null end is open). */
public record EngineRange(String family, SemVer min, SemVer max) {

    /** Whether engine {@code version} loads the model. */
    public boolean contains(SemVer version) {
        return (min == null || !version.isOlderThan(min)) && (max == null || !version.isNewerThan(max));
    }

    /** For messages and the wire: {@code llama-engine 1.4.0 to 1.99.0}, {@code llama-engine 1.4.0 or newer}. */
    public String describe() {
        if (min != null && max != null) {
            return family + " " + min + " to " + max;
        }
        if (min != null) {
            return family + " " + min + " or newer";
        }
        return max != null ? family + " " + max + " or older" : family + " (any version)";
    }
}
