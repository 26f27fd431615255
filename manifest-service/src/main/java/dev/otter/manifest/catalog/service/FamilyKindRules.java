package dev.otter.manifest.catalog.service;

import dev.otter.contract.Identifiers;
import dev.otter.manifest.catalog.CatalogError;
import dev.otter.manifest.catalog.FamilyKind;
import dev.otter.manifest.catalog.api.AddArtifactRequest;
import dev.otter.manifest.catalog.api.CreateVersionRequest;
import dev.otter.manifest.catalog.repository.ModelFamilyEntity;
import dev.otter.manifest.catalog.repository.ModelVersionEntity;
import dev.otter.support.error.ApiException;

/** What each family kind allows: engines are named by ABI and name no engine; adapters need an interface. */
final class FamilyKindRules {
    private FamilyKindRules() {}

    static void checkEngineVersion(ModelFamilyEntity engine, CreateVersionRequest request) {
        if (request.engine() != null || request.modelInterface() != null) {
            throw mismatch(engine.name + " is an engine family: its versions name no engine and no interface");
        }
    }

    static void checkEngineReference(String name, ModelFamilyEntity engine) {
        if (engine == null) {
            throw mismatch("engine.family: no family '" + name + "'; create it with kind engine first");
        }
        if (engine.kind != FamilyKind.ENGINE) {
            throw mismatch("engine.family: '" + name + "' is a " + engine.kind.wireName() + " family, not an engine");
        }
    }

    static void checkArtifact(ModelFamilyEntity family, ModelVersionEntity version, AddArtifactRequest request) {
        String adapts = request.adaptsInterface();
        if (family.kind == FamilyKind.ENGINE) {
            if (adapts != null) {
                throw mismatch(family.name + " is an engine family: it takes no adapters");
            }
            if (!Identifiers.ABI_PATTERN.matcher(request.tier()).matches()) {
                throw mismatch("tier: an engine artifact is named by its platform/ABI and " + Identifiers.ABI_MESSAGE);
            }
            return;
        }
        if (adapts == null) {
            return;
        }
        if (version.modelInterface == null) {
            throw mismatch("adapts_interface: " + family.name + " " + version.version
                    + " declares no interface, so nothing needs adapting");
        }
        if (adapts.equals(version.modelInterface)) {
            throw mismatch("adapts_interface: " + family.name + " " + version.version + " implements " + adapts
                    + " itself; an adapter is for another interface");
        }
    }

    private static ApiException mismatch(String message) {
        return new ApiException(CatalogError.KIND_MISMATCH, message);
    }
}
