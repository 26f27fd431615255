package dev.otter.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otter.telemetry.ingest.service.InstallIdHasher;
import org.junit.jupiter.api.Test;

class InstallIdHasherTest {

    @Test
    void stableUnderOneKeyDifferentUnderAnotherAndNeverTheId() {
        InstallIdHasher a = new InstallIdHasher("first-secret-key-123");
        InstallIdHasher b = new InstallIdHasher("other-secret-key-456");
        String id = "3f1c9a2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8";
        assertThat(a.hash(id)).isEqualTo(a.hash(id)).hasSize(22).doesNotContain("3f1c9a2e");
        assertThat(b.hash(id)).isNotEqualTo(a.hash(id));
        assertThat(a.hash("another-install")).isNotEqualTo(a.hash(id));
        assertThat(a.hash(null)).isNull();
        assertThatThrownBy(() -> new InstallIdHasher("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
