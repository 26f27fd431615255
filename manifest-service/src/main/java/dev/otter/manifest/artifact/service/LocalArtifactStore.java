package dev.otter.manifest.artifact.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The local-directory artifact store: files are content-addressed
 * ({@code sha256/<first two hex>/<sha256>}), written once and never changed, so a file's
 * sha256 is also its strong ETag. Uploads in progress live under {@code tmp/} on the same file
 * system, so finishing one is an atomic rename.
 */
public class LocalArtifactStore implements ArtifactStore {
    private final Path root;

    public LocalArtifactStore(String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.resolve("tmp"));
            Files.createDirectories(root.resolve("sha256"));
            sweepAbandoned(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact store under " + root, e);
        }
    }

    // Uploads and patches a crashed instance left half-written. Only old ones: another instance
    // sharing the directory may be writing a fresh one right now.
    private static void sweepAbandoned(Path tmp) throws IOException {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        try (var files = Files.list(tmp)) {
            for (Path p : files.toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(dayAgo)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // Written to a temporary file and renamed over the old one: a reader sees the old or the new document.
    @Override
    public void publish(String name, byte[] body, String contentType, String cacheControl) throws IOException {
        Path target = published(name);
        Files.createDirectories(target.getParent());
        Path temp = root.resolve("tmp").resolve(UUID.randomUUID() + ".doc");
        Files.write(temp, body);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void unpublish(String name) throws IOException {
        Files.deleteIfExists(published(name));
    }

    @Override
    public Optional<Path> localPublished(String name) {
        Path file = published(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    // Names come from Otter itself (family and channel names), but are still kept inside published/.
    private Path published(String name) {
        Path base = root.resolve("published");
        Path file = base.resolve(name).normalize();
        if (!file.startsWith(base)) {
            throw new IllegalArgumentException("not a published document name: " + name);
        }
        return file;
    }

    @Override
    public Path newUpload() {
        return root.resolve("tmp").resolve(UUID.randomUUID() + ".part");
    }

    /** Moves a verified upload to its content address (a second upload of the same bytes is dropped). */
    @Override
    public void commit(Path upload, String sha256) throws IOException {
        Path target = path(sha256);
        Files.createDirectories(target.getParent());
        try {
            Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(upload);
        }
        if (Files.exists(upload)) { // some file systems replace silently instead of refusing
            Files.delete(upload);
        }
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        Path p = path(sha256);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public LocalCopy open(String sha256) throws IOException {
        Path p = localFile(sha256).orElseThrow(() -> new NoSuchFileException("no stored file " + sha256));
        return new LocalCopy() {
            @Override
            public Path path() {
                return p;
            }

            @Override
            public void close() {
                // the stored file itself: nothing to clean up
            }
        };
    }

    /** Served by this service's download route, with its own expiring links. */
    @Override
    public Optional<String> presignedUrl(String sha256, Instant now, Instant expires) {
        return Optional.empty();
    }

    private Path path(String sha256) {
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
