package dev.otter.manifest.update.service;

import dev.otter.manifest.catalog.snapshot.FamilyCatalog;

/** Everything one decision depends on; {@code family} is null when the catalog has no such family. */
public record DecisionInput(DeviceProfile device, FamilyQuery query, FamilyCatalog family, Directive directive) {}
