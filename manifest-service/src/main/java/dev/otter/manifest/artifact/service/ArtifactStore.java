package dev.otter.manifest.artifact.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where model files and patches live, content-addressed by sha256 and never changed once written.
 * Two implementations: a local directory (the embedded default, served by {@code /v1/files}) and an
 * S3-compatible bucket (devices download with pre-signed URLs). {@code otter.manifest.artifacts.store}
 * picks one.
 */
public interface ArtifactStore {

    /** A fresh local file to write an upload or a patch into, before {@link #commit}. */
    Path newUpload() throws IOException;

    /** Takes a verified local file into the store under its sha256; the local file is gone afterwards. */
    void commit(Path local, String sha256) throws IOException;

    /** A readable local copy of a stored file, for making patches; close it when done. */
    LocalCopy open(String sha256) throws IOException;

    /** The file on this machine's disk, when the store is local (the download route serves it). */
    Optional<Path> localFile(String sha256);

    /** A pre-signed link to the file valid until {@code expires}, when the store serves downloads itself. */
    Optional<String> presignedUrl(String sha256, Instant now, Instant expires);

    /**
     * Writes (or replaces) a small published document under {@code published/<name>}, e.g. a static
     * manifest for a CDN, with the {@code Cache-Control} and {@code Content-Type} it is served with.
     * Unlike model files, published documents change; a reader never sees a half-written one.
     */
    void publish(String name, byte[] body, String contentType, String cacheControl) throws IOException;

    /** Removes a published document if it exists. */
    void unpublish(String name) throws IOException;

    /** A published document on this machine's disk, when the store is local (the static route serves it). */
    Optional<Path> localPublished(String name);

    /** A local copy: the stored file itself, or a temporary download that closing deletes. */
    interface LocalCopy extends AutoCloseable {
        Path path();

        @Override
        void close() throws IOException;
    }
}
