package dev.otter.manifest.update.service;

import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import java.util.Map;

/**
 * Everything one decision depends on; {@code family} is null when the catalog has no such family.
 * {@code engines}: for each engine family asked about in the same check, the version the device will
 * run once this answer is applied (a model is only offered if that engine loads it); an engine
 * family not asked about is not checked.
 */
public record DecisionInput(
        DeviceProfile device,
        FamilyQuery query,
        FamilyCatalog family,
        Directive directive,
        Map<String, SemVer> engines) {

    public DecisionInput {
        engines = engines == null ? Map.of() : engines;
    }

    /** A decision that no engine constrains. */
    public DecisionInput(DeviceProfile device, FamilyQuery query, FamilyCatalog family, Directive directive) {
        this(device, query, family, directive, Map.of());
    }
}
