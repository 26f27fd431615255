package dev.otter.manifest.catalog.service;

import dev.otter.contract.version.InvalidVersionException;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.catalog.CatalogError;
import dev.otter.manifest.catalog.api.AddArtifactRequest;
import dev.otter.manifest.catalog.api.PlatformDto;
import dev.otter.manifest.catalog.api.RequirementsDto;
import dev.otter.manifest.catalog.repository.ModelArtifactEntity;
import dev.otter.manifest.catalog.snapshot.PlatformRequirement;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks what bean validation cannot (version syntax, min ≤ max runtime, duplicate platforms) and
 * builds the artifact row with versions in canonical form.
 */
final class ArtifactRequirements {
    private ArtifactRequirements() {}

    static ModelArtifactEntity toEntity(long versionId, AddArtifactRequest req, Instant now) {
        RequirementsDto r = req.requirements() == null
                ? new RequirementsDto(null, null, null, null, null, null, null, null)
                : req.requirements();
        List<Problem.FieldError> errors = new ArrayList<>();
        SemVer minApp = version(r.minAppVersion(), "requirements.min_app_version", errors);
        SemVer minRuntime = version(r.minRuntimeVersion(), "requirements.min_runtime_version", errors);
        SemVer maxRuntime = version(r.maxRuntimeVersion(), "requirements.max_runtime_version", errors);
        if (minRuntime != null && maxRuntime != null && maxRuntime.isOlderThan(minRuntime)) {
            errors.add(new Problem.FieldError(
                    "requirements.max_runtime_version", "must not be older than min_runtime_version " + minRuntime));
        }
        List<String> platforms = platforms(r.platforms(), errors);
        if (!errors.isEmpty()) {
            throw new ApiException(
                    CatalogError.INVALID_VERSION,
                    errors.stream()
                            .map(e -> e.field() + ": " + e.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(""),
                    errors);
        }
        ModelArtifactEntity a = new ModelArtifactEntity();
        a.versionId = versionId;
        a.tier = req.tier();
        a.urls = List.copyOf(req.urls());
        a.sizeBytes = req.sizeBytes();
        a.sha256 = req.sha256().toLowerCase(Locale.ROOT);
        a.format = req.format() == null ? "gguf" : req.format();
        a.quantization = req.quantization();
        a.releaseNotes = req.releaseNotes();
        a.minAppVersion = text(minApp);
        a.minRuntimeVersion = text(minRuntime);
        a.maxRuntimeVersion = text(maxRuntime);
        a.minRamMb = r.minRamMb() == null ? 0 : r.minRamMb();
        a.minFreeStorageMb = r.minFreeStorageMb() == null ? 0 : r.minFreeStorageMb();
        a.accelerator = r.accelerator() == null ? null : r.accelerator().toLowerCase(Locale.ROOT);
        a.platforms = platforms;
        a.deviceModelDeny = r.deviceModelDeny() == null ? List.of() : List.copyOf(r.deviceModelDeny());
        a.createdAt = now;
        return a;
    }

    private static SemVer version(String text, String field, List<Problem.FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return SemVer.parseLenient(text);
        } catch (InvalidVersionException e) {
            errors.add(new Problem.FieldError(field, e.getMessage()));
            return null;
        }
    }

    private static List<String> platforms(List<PlatformDto> dtos, List<Problem.FieldError> errors) {
        if (dtos == null) {
            return List.of();
        }
        List<String> encoded = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dtos.size(); i++) {
            PlatformDto p = dtos.get(i);
            String field = "requirements.platforms[" + i + "]";
            if (!seen.add(p.platform())) {
                errors.add(new Problem.FieldError(field + ".platform", "listed twice: " + p.platform()));
            }
            SemVer minOs = version(p.minOsVersion(), field + ".min_os_version", errors);
            encoded.add(new PlatformRequirement(p.platform(), minOs).encode());
        }
        return encoded;
    }

    private static String text(SemVer v) {
        return v == null ? null : v.toString();
    }
}
