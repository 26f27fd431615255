package dev.otter.manifest.catalog.snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable copy of the device-visible catalog at one revision. The update check reads only
 * this; a refresh builds a new snapshot and swaps it in whole.
 */
public record CatalogSnapshot(long revision, Map<String, FamilyCatalog> families, Instant loadedAt) {

    /** Before the first load. */
    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(-1, Map.of(), Instant.EPOCH);

    public CatalogSnapshot {
        families = Map.copyOf(families);
    }

    public Optional<FamilyCatalog> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    public boolean isLoaded() {
        return revision >= 0;
    }

    public int versionCount() {
        return families.values().stream()
                .mapToInt(f -> f.versionsNewestFirst().size())
                .sum();
    }
}
