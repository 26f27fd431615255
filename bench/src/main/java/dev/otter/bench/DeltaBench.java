package dev.otter.bench;

import dev.otter.delta.PatchInfo;
import dev.otter.delta.PatchMaker;
import dev.otter.gguf.SyntheticModel;
import dev.otter.gguf.TensorType;
import dev.otter.sdk.patch.PatchApplier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The delta benchmark's steps, one per JVM so that each reports its own peak RSS (VmHWM):
 *
 * <pre>
 * model  FILE SIZE_MB CHANGED_PERCENT   a synthetic GGUF of 16 MiB F32 tensors; CHANGED_PERCENT of
 *                                       them (spread evenly) get new bytes (0 writes the base)
 * make   BASE TARGET PATCH             prints ratio, MB/s and peak RSS
 * apply  BASE PATCH OUT SHA            prints MB/s and peak RSS, and checks the result
 * </pre>
 */
public final class DeltaBench {
    private static final long TENSOR_ELEMENTS = 2048L * 2048; // 16 MiB of F32

    private DeltaBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "model" -> model(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "make" -> make(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "apply" -> apply(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4]);
            default -> throw new IllegalArgumentException("model | make | apply");
        }
    }

    private static void model(Path file, int sizeMb, int changedPercent) throws IOException {
        int tensors = Math.max(1, sizeMb / 16);
        SyntheticModel m = new SyntheticModel("llama", "bench", 0).meta("llama.block_count", tensors);
        int changed = Math.round(tensors * changedPercent / 100f);
        for (int i = 0; i < tensors; i++) {
            // Spread the changed tensors evenly: tensor i is changed when it crosses a step.
            boolean isChanged = changed > 0 && (i * changed / tensors) != ((i + 1) * changed / tensors);
            m.tensor("blk." + i + ".weight", TensorType.F32, isChanged ? 1_000_000L + i : i, 2048, 2048);
        }
        long size = m.write(file);
        System.out.printf(
                "model %s: %d MB, %d tensors, %d changed%n", file.getFileName(), size >> 20, tensors, changed);
    }

    private static void make(Path base, Path target, Path patch) throws IOException {
        long start = System.nanoTime();
        PatchInfo info = new PatchMaker().make(base, target, patch);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "make %s: patch %.1f%% of full (%d of %d MB), %.0f MB/s, peak RSS %d MB, sha %s%n",
                target.getFileName(),
                100 * info.ratio(),
                info.patchSize() >> 20,
                info.targetSize() >> 20,
                info.targetSize() / 1e6 / seconds,
                peakRssMb(),
                info.targetSha256());
        Figures.print(
                "Delta patches, " + (info.targetSize() >> 20) + " MB",
                target.getFileName() + ": patch / full, make MB/s, make peak RSS",
                "%.1f %%, %.0f MB/s, %d MB",
                100 * info.ratio(),
                info.targetSize() / 1e6 / seconds,
                peakRssMb());
    }

    private static void apply(Path base, Path patch, Path out, String sha) throws IOException {
        long start = System.nanoTime();
        String got = new PatchApplier().apply(base, patch, null, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!got.equals(sha)) {
            throw new IllegalStateException("the result is not the target");
        }
        System.out.printf(
                "apply %s: %.0f MB/s (verified), peak RSS %d MB%n",
                patch.getFileName(), Files.size(out) / 1e6 / seconds, peakRssMb());
        Figures.print(
                "Delta patches, " + (Files.size(out) >> 20) + " MB",
                patch.getFileName() + ": apply (verified) MB/s, peak RSS",
                "%.0f MB/s, %d MB",
                Files.size(out) / 1e6 / seconds,
                peakRssMb());
        Files.delete(out);
    }

    private static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
