package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.snapshot.EngineRange;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.update.api.Missing;
import dev.otter.manifest.update.api.RequiredEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the engine a device will run loads a model version. Only engines the device asked about
 * in the same check are known; a model whose engine is not known is not refused for it (as with any
 * fact a device does not tell).
 */
final class EngineCheck {
    private EngineCheck() {}

    /** What the version lacks from the device's engine: empty, or one {@code engine} entry. */
    static List<Missing> missing(VersionEntry version, Map<String, SemVer> engines) {
        EngineRange range = version.engine();
        if (range == null || !engines.containsKey(range.family())) {
            return List.of();
        }
        SemVer has = engines.get(range.family());
        if (has != null && range.contains(has)) {
            return List.of();
        }
        String hasText = has == null ? "-" : has.toString();
        String message = version.version() + " needs " + range.describe() + ", the device will have "
                + (has == null ? "no " + range.family() : range.family() + " " + has);
        return List.of(new Missing("engine", range.describe(), hasText, message));
    }

    /** Why the installed version cannot stay (its engine will not load it), or null when it can. */
    static String unloadable(VersionEntry installed, Map<String, SemVer> engines) {
        List<Missing> missing = missing(installed, engines);
        return missing.isEmpty() ? null : missing.get(0).message();
    }

    /** The range of engines that load the version, for the answer; null when it names none. */
    static RequiredEngine required(VersionEntry version) {
        EngineRange range = version.engine();
        return range == null
                ? null
                : new RequiredEngine(
                        range.family(),
                        range.min() == null ? null : range.min().toString(),
                        range.max() == null ? null : range.max().toString());
    }

    /** {@code list} and one more. */
    static List<Missing> plus(List<Missing> list, Missing more) {
        List<Missing> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }
}
