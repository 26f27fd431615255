package dev.otter.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufTest {

    private static byte[] bytes(SyntheticModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }

    @Test
    void writtenModelsReadBackWithTheirMetadataAndTensors(@TempDir Path dir) throws IOException {
        SyntheticModel m = SyntheticModel.llama("demo-assistant-1b", 4, 64, 1, Set.of());
        Path file = dir.resolve("model.gguf");
        long size = m.write(file);
        assertThat(Files.size(file)).isEqualTo(size);

        GgufHeader h = GgufReader.read(file);
        assertThat(h.version()).isEqualTo(3);
        assertThat(h.architecture()).contains("llama");
        assertThat(h.name()).contains("demo-assistant-1b");
        assertThat(h.quantization()).contains("Q4_0");
        assertThat(h.metadata()).containsEntry("llama.block_count", 4L);
        assertThat(h.tensors()).hasSize(2 + 4 * 3);
        assertThat(h.tensors().get(1).name()).isEqualTo("blk.0.attn_q.weight");
        assertThat(h.tensors().get(1).dimensions()).containsExactly(64L, 64L);
        assertThat(h.tensors()).allSatisfy(t -> assertThat(t.fileOffset() % 32).isZero());
        TensorInfo last = h.tensors().get(h.tensors().size() - 1);
        assertThat(last.fileOffset() + last.bytes()).isEqualTo(size);
        GgufReader.verifyLayout(h, size);
    }

    @Test
    void generationsDifferExactlyInTheChangedLayers() throws IOException {
        byte[] a = bytes(SyntheticModel.llama("m", 4, 64, 1, Set.of(1)));
        byte[] b = bytes(SyntheticModel.llama("m", 4, 64, 2, Set.of(1)));
        GgufHeader h = GgufReader.read(new ByteArrayInputStream(a));
        for (TensorInfo t : h.tensors()) {
            byte[] ta = Arrays.copyOfRange(a, (int) t.fileOffset(), (int) (t.fileOffset() + t.bytes()));
            byte[] tb = Arrays.copyOfRange(b, (int) t.fileOffset(), (int) (t.fileOffset() + t.bytes()));
            assertThat(Arrays.equals(ta, tb)).as(t.name()).isEqualTo(!t.name().startsWith("blk.1."));
        }
    }

    @Test
    void hostileOrBrokenFilesAreRefusedWithAReason() throws IOException {
        byte[] good = bytes(SyntheticModel.llama("m", 2, 32, 1, Set.of()));
        assertThatThrownBy(() -> GgufReader.read(new ByteArrayInputStream("not a model".getBytes())))
                .isInstanceOf(GgufException.class)
                .hasMessageContaining("magic");
        assertThatThrownBy(() -> GgufReader.read(new ByteArrayInputStream(Arrays.copyOf(good, 40))))
                .hasMessageContaining("ends inside the header");
        byte[] hugeCount = good.clone();
        hugeCount[8] = (byte) 0xff; // tensor count low byte → huge
        hugeCount[15] = (byte) 0x7f;
        assertThatThrownBy(() -> GgufReader.read(new ByteArrayInputStream(hugeCount)))
                .hasMessageContaining("out of bounds");
        byte[] v1 = good.clone();
        v1[4] = 1;
        assertThatThrownBy(() -> GgufReader.read(new ByteArrayInputStream(v1))).hasMessageContaining("version 1");
        GgufHeader h = GgufReader.read(new ByteArrayInputStream(good));
        assertThatThrownBy(() -> GgufReader.verifyLayout(h, good.length - 1)).hasMessageContaining("past the end");
    }
}
