package dev.otter.manifest.artifact.service;

import dev.otter.gguf.GgufException;
import dev.otter.gguf.GgufHeader;
import dev.otter.gguf.GgufReader;
import dev.otter.manifest.artifact.ArtifactError;
import dev.otter.manifest.artifact.repository.StoredFile;
import dev.otter.manifest.artifact.repository.StoredFileRepository;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Finishes an upload that was streamed to a temporary file: checks the declared sha256, reads and
 * checks the GGUF header (on a worker thread: it is file I/O), moves the file to its content address
 * and records it. A refused upload leaves nothing behind.
 */
@ApplicationScoped
public class UploadService {
    private final ArtifactStore store;
    private final StoredFileRepository files;

    public UploadService(ArtifactStore store, StoredFileRepository files) {
        this.store = store;
        this.files = files;
    }

    /**
     * @param model a GGUF model, whose header is checked; otherwise any file (an engine build, an
     *     adapter), stored by its sha256 without looking inside
     */
    public Uni<StoredFile> finish(
            Path upload, String computedSha256, String declaredSha256, String actor, boolean model) {
        return Uni.createFrom()
                .item(() -> model
                        ? inspect(upload, computedSha256, declaredSha256.toLowerCase(Locale.ROOT), actor)
                        : keep(upload, computedSha256, declaredSha256.toLowerCase(Locale.ROOT), actor))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure()
                .invoke(() -> deleteQuietly(upload))
                .chain(files::save);
    }

    /** The recorded file of a sha256. */
    public Uni<Optional<StoredFile>> find(String sha256) {
        return files.find(sha256.toLowerCase(Locale.ROOT));
    }

    private StoredFile keep(Path upload, String computed, String declared, String actor) {
        requireDeclared(computed, declared);
        try {
            long size = Files.size(upload);
            store.commit(upload, computed);
            return new StoredFile(computed, size, 0, null, null, 0, Instant.now(), actor);
        } catch (IOException e) {
            throw new ApiException(
                    CommonError.BACKEND_UNAVAILABLE,
                    "the file could not be stored (" + e.getMessage() + "); upload again");
        }
    }

    private static void requireDeclared(String computed, String declared) {
        if (!computed.equals(declared)) {
            throw new ApiException(
                    ArtifactError.SHA256_MISMATCH,
                    "the uploaded bytes hash to " + computed + ", not the declared " + declared);
        }
    }

    private StoredFile inspect(Path upload, String computed, String declared, String actor) {
        requireDeclared(computed, declared);
        try {
            long size = Files.size(upload);
            GgufHeader header = GgufReader.read(upload);
            GgufReader.verifyLayout(header, size);
            store.commit(upload, computed);
            return new StoredFile(
                    computed,
                    size,
                    header.version(),
                    header.architecture().orElse(null),
                    header.quantization().orElse(null),
                    header.tensors().size(),
                    Instant.now(),
                    actor);
        } catch (GgufException e) {
            throw new ApiException(ArtifactError.NOT_GGUF, "not a valid GGUF model: " + e.getMessage());
        } catch (IOException e) {
            // The store (a bucket that does not answer, a full disk) did not take the file: nothing
            // is recorded, the client uploads again.
            throw new ApiException(
                    CommonError.BACKEND_UNAVAILABLE,
                    "the file could not be stored (" + e.getMessage() + "); upload again");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover in tmp/ is harmless: the store sweeps day-old ones when it starts
        }
    }
}
