package dev.otter.manifest.catalog.snapshot;

import dev.otter.contract.version.SemVer;
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

    public FamilyCatalog(String name, List<VersionEntry> versions) {
        this.name = name;
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

    /** Every non-draft version, newest first. */
    public List<VersionEntry> versionsNewestFirst() {
        return newestFirst;
    }

    public Optional<VersionEntry> find(SemVer version) {
        return Optional.ofNullable(byVersion.get(version));
    }
}
