package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.FamilyKind;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One family's device-visible versions, newest first, with lookup by version. */
public final class FamilyCatalog {
    private final String name;
    private final List<VersionEntry> newestFirst;
    private final Map<SemVer, VersionEntry> byVersion;
    private final boolean legacyKeyless;
    private final FamilyKind kind;

    public FamilyCatalog(String name, List<VersionEntry> versions) {
        this(name, versions, false);
    }

    /** A model family. */
    public FamilyCatalog(String name, List<VersionEntry> versions, boolean legacyKeyless) {
        this(name, versions, legacyKeyless, FamilyKind.MODEL);
    }

    /**
     * @param legacyKeyless whether the family's legacy endpoints answer clients without an app key
     * @param kind model weights or an engine
     */
    public FamilyCatalog(String name, List<VersionEntry> versions, boolean legacyKeyless, FamilyKind kind) {
        this.name = name;
        this.legacyKeyless = legacyKeyless;
        this.kind = kind;
        this.newestFirst = versions.stream()
                .sorted(Comparator.comparing(VersionEntry::version).reversed())
                .toList();
        Map<SemVer, VersionEntry> index = new HashMap<>();
        newestFirst.forEach(v -> index.put(v.version(), v));
        this.byVersion = Map.copyOf(index);
    }

    public String name() {
        return name;
    }

    /** Whether the legacy (seed-format) endpoints answer for this family without an app key. */
    public boolean legacyKeyless() {
        return legacyKeyless;
    }

    /** Model weights or an engine. */
    public FamilyKind kind() {
        return kind;
    }

    /** Every non-draft version, newest first. */
    public List<VersionEntry> versionsNewestFirst() {
        return newestFirst;
    }

    public Optional<VersionEntry> find(SemVer version) {
        return Optional.ofNullable(byVersion.get(version));
    }
}
