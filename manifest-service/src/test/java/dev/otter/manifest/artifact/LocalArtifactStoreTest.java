package dev.otter.manifest.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.artifact.service.LocalArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {
    @TempDir
    Path dir;

    @Test
    void filesAreContentAddressedWrittenOnceAndServedLocally() throws Exception {
        ArtifactStore store = new LocalArtifactStore(dir.toString());
        String sha = "ab".repeat(32);
        Path first = store.newUpload();
        Files.writeString(first, "bytes");
        store.commit(first, sha);
        Path second = store.newUpload();
        Files.writeString(second, "bytes");
        store.commit(second, sha);
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
        assertThat(store.localFile(sha)).hasValue(dir.resolve("sha256/ab/" + sha));
        try (ArtifactStore.LocalCopy copy = store.open(sha)) {
            assertThat(Files.readString(copy.path())).isEqualTo("bytes");
        }
        assertThat(store.localFile(sha))
                .as("closing a local copy keeps the stored file")
                .isPresent();
        assertThat(store.localFile("cd".repeat(32))).isEmpty();
        assertThat(store.presignedUrl(sha, Instant.now(), Instant.now())).isEmpty();
    }

    @Test
    void abandonedUploadsAreSweptAtStartButFreshOnesAreKept() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path old = Files.writeString(tmp.resolve("old.part"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = Files.writeString(tmp.resolve("fresh.part"), "y");
        new LocalArtifactStore(dir.toString());
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }
}
