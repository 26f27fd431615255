package dev.otter.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otter.gguf.SyntheticModel;
import dev.otter.gguf.TensorType;
import dev.otter.sdk.patch.PatchApplier;
import dev.otter.sdk.patch.PatchException;
import dev.otter.sdk.patch.Sha256;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchRoundTripTest {
    @TempDir
    Path dir;

    private Path model(String name, long generation, Set<Integer> changed) throws Exception {
        Path file = dir.resolve(name);
        SyntheticModel.llama("m", 8, 256, generation, changed).write(file);
        return file;
    }

    private PatchInfo roundTrip(Path base, Path target) throws Exception {
        Path patch = dir.resolve("p.otdp");
        PatchInfo info = new PatchMaker(4096).make(base, target, patch);
        Path out = dir.resolve("out.gguf");
        String sha = new PatchApplier().apply(base, patch, info.patchSha256(), out);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(target));
        assertThat(sha).isEqualTo(Sha256.of(target)).isEqualTo(info.targetSha256());
        assertThat(info.baseSha256()).isEqualTo(Sha256.of(base));
        assertThat(info.patchSha256()).isEqualTo(Sha256.of(patch));
        assertThat(info.patchSize()).isEqualTo(Files.size(patch));
        return info;
    }

    @Test
    void aQuarterOfTheLayersChangedGivesAPatchOfAboutAQuarter() throws Exception {
        Path base = model("a.gguf", 1, Set.of(0, 1));
        Path target = model("b.gguf", 2, Set.of(0, 1));
        PatchInfo info = roundTrip(base, target);
        assertThat(info.ratio()).isBetween(0.20, 0.30);
        assertThat(info.copiedBytes() + info.literalBytes()).isEqualTo(info.targetSize());
    }

    @Test
    void identicalFilesGiveATinyPatchAndUnrelatedOnesAFullOne() throws Exception {
        Path base = model("a.gguf", 1, Set.of());
        assertThat(roundTrip(base, model("same.gguf", 1, Set.of())).patchSize()).isLessThan(2_000);
        Set<Integer> all = IntStream.range(0, 8).boxed().collect(Collectors.toSet());
        PatchInfo unrelated = roundTrip(base, model("other.gguf", 9, all));
        assertThat(unrelated.ratio()).isGreaterThan(0.95);
    }

    @Test
    void aPartlyChangedTensorIsPatchedBlockByBlockAndNewOrReshapedTensorsAreCarried() throws Exception {
        Path base = dir.resolve("a.gguf");
        new SyntheticModel("llama", "m", 2)
                .tensor("big.weight", TensorType.Q4_0, 1, 256, 1024)
                .tensor("gone.weight", TensorType.F32, 2, 64)
                .tensor("reshaped.weight", TensorType.F32, 3, 64, 4)
                .write(base);
        Path target = dir.resolve("b.gguf");
        new SyntheticModel("llama", "m", 2)
                .meta("general.description", "next")
                .tensor("new.weight", TensorType.F32, 4, 32)
                .tensor("big.weight", TensorType.Q4_0, 1, 256, 1024)
                .tensor("reshaped.weight", TensorType.F32, 3, 4, 64)
                .write(target);
        // Flip one byte in the middle of big.weight: only its block differs.
        long size = Files.size(target);
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.seek(size / 2);
            int v = f.read();
            f.seek(size / 2);
            f.write(v ^ 0xff);
        }
        PatchInfo info = roundTrip(base, target);
        assertThat(info.literalBytes()).isLessThan(4096 + 2048);
    }

    @Test
    void aWrongBaseIsRefusedAndLeavesNothing() throws Exception {
        Path base = model("a.gguf", 1, Set.of(0));
        Path target = model("b.gguf", 2, Set.of(0));
        Path patch = dir.resolve("p.otdp");
        PatchInfo info = new PatchMaker().make(base, target, patch);
        Path other = model("c.gguf", 3, Set.of(0));
        Path out = dir.resolve("out.gguf");
        assertThatThrownBy(() -> new PatchApplier().apply(other, patch, info.patchSha256(), out))
                .isInstanceOf(PatchException.class)
                .extracting(e -> ((PatchException) e).reason())
                .isEqualTo(PatchException.Reason.WRONG_BASE);
        assertThat(out).doesNotExist();
    }

    @Test
    void aCorruptOrTruncatedPatchIsRefused() throws Exception {
        Path base = model("a.gguf", 1, Set.of(0));
        Path target = model("b.gguf", 2, Set.of(0));
        Path patch = dir.resolve("p.otdp");
        PatchInfo info = new PatchMaker().make(base, target, patch);
        Path out = dir.resolve("out.gguf");
        byte[] bytes = Files.readAllBytes(patch);

        bytes[bytes.length / 2] ^= 0x01;
        Files.write(patch, bytes);
        assertThatThrownBy(() -> new PatchApplier().apply(base, patch, info.patchSha256(), out))
                .extracting(e -> ((PatchException) e).reason())
                .isEqualTo(PatchException.Reason.PATCH_CHECKSUM);
        // Without the expected sha256 the result's check still catches it.
        assertThatThrownBy(() -> new PatchApplier().apply(base, patch, null, out))
                .isInstanceOf(PatchException.class);

        bytes[bytes.length / 2] ^= 0x01;
        Files.write(patch, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> new PatchApplier().apply(base, patch, null, out))
                .extracting(e -> ((PatchException) e).reason())
                .isEqualTo(PatchException.Reason.MALFORMED);
        assertThat(out).doesNotExist();

        Files.writeString(patch, "not a patch at all, just some text that is long enough for a header........");
        assertThatThrownBy(() -> new PatchApplier().apply(base, patch, null, out))
                .extracting(e -> ((PatchException) e).reason())
                .isEqualTo(PatchException.Reason.MALFORMED);
    }

    @Test
    void onlyGgufFilesArePatched() throws Exception {
        Path text = dir.resolve("x.gguf");
        Files.writeString(text, "hello");
        Path model = model("a.gguf", 1, Set.of());
        assertThatThrownBy(() -> new PatchMaker().make(text, model, dir.resolve("p")))
                .extracting(e -> ((PatchException) e).reason())
                .isEqualTo(PatchException.Reason.NOT_GGUF);
    }
}
