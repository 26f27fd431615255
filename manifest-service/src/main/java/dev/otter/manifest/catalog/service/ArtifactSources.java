package dev.otter.manifest.catalog.service;

import dev.otter.manifest.artifact.ArtifactError;
import dev.otter.manifest.artifact.repository.StoredFile;
import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.artifact.service.UploadService;
import dev.otter.manifest.catalog.api.AddArtifactRequest;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.FieldErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an artifact's bytes are: an upload in Otter's store (named by {@code file}) or URLs
 * elsewhere. Resolves a request into the complete one the catalog records, plus the stored file.
 */
@ApplicationScoped
public class ArtifactSources {
    private final UploadService uploads;

    public ArtifactSources(UploadService uploads) {
        this.uploads = uploads;
    }

    /** The request with URLs, size and sha256 filled in, and the stored file when there is one. */
    public record Resolved(AddArtifactRequest request, StoredFile stored) {}

    public Uni<Resolved> resolve(AddArtifactRequest r) {
        if (r.file() == null) {
            requireHosted(r);
            return Uni.createFrom().item(new Resolved(r, null));
        }
        String sha = r.file().toLowerCase(Locale.ROOT);
        return uploads.find(sha).map(found -> {
            StoredFile f = found.orElseThrow(() -> new ApiException(
                    ArtifactError.FILE_NOT_FOUND, "no upload " + sha + ": POST the file to /api/v1/uploads first"));
            FieldErrors errors = new FieldErrors();
            if (r.sha256() != null && !r.sha256().equalsIgnoreCase(sha)) {
                errors.add("sha256", "differs from the uploaded file's " + sha);
            }
            if (r.sizeBytes() != null && r.sizeBytes() != f.sizeBytes()) {
                errors.add("size_bytes", "differs from the uploaded file's " + f.sizeBytes());
            }
            errors.throwIfAny();
            List<String> urls = new ArrayList<>();
            urls.add(DownloadLinks.storeUrl(sha));
            if (r.urls() != null) {
                urls.addAll(r.urls());
            }
            return new Resolved(
                    new AddArtifactRequest(
                            r.tier(),
                            sha,
                            List.copyOf(urls),
                            f.sizeBytes(),
                            sha,
                            r.format() != null ? r.format() : f.ggufVersion() > 0 ? "gguf" : "bin",
                            r.quantization() != null ? r.quantization() : f.quantization(),
                            r.releaseNotes(),
                            r.requirements(),
                            r.adaptsInterface()),
                    f);
        });
    }

    private static void requireHosted(AddArtifactRequest r) {
        FieldErrors errors = new FieldErrors();
        if (r.urls() == null || r.urls().isEmpty()) {
            errors.add("urls", "required (1-8 URLs) unless \"file\" names an upload");
        }
        if (r.sizeBytes() == null) {
            errors.add("size_bytes", "required unless \"file\" names an upload");
        }
        if (r.sha256() == null) {
            errors.add("sha256", "required unless \"file\" names an upload");
        }
        errors.throwIfAny();
    }
}
