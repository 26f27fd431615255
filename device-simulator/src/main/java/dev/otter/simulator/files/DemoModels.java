package dev.otter.simulator.files;

import dev.otter.gguf.SyntheticModel;
import dev.otter.sdk.patch.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Generates the demo's model files: small synthetic GGUF models (a valid header, llama metadata and
 * a few tensors), one per version and tier; versions differ in some layers. Never downloaded.
 */
public final class DemoModels {
    private DemoModels() {}

    /** The small tier (2 GB RAM). */
    public static final String SMALL = "1b";

    /** The large tier (6 GB RAM). */
    public static final String LARGE = "3b";

    /** Writes (or reuses) the file of a version and tier under {@code dir}. */
    public static ModelFile generate(Path dir, String family, String version, String tier) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(family + "-" + version + "-" + tier + ".gguf");
        if (!Files.exists(file)) {
            int generation = Math.abs(version.hashCode() % 1000) + 1;
            int layers = tier.equals(LARGE) ? 6 : 3;
            int width = tier.equals(LARGE) ? 128 : 64;
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            SyntheticModel.llama(family + "-" + tier, layers, width, generation, Set.of(layers - 1))
                    .write(tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new ModelFile(version, tier, file, Files.size(file), sha256(file));
    }

    /** A stand-in engine build for an ABI (bytes that differ per version and ABI; never executed). */
    public static ModelFile engineBuild(Path dir, String family, String version, String abi) throws IOException {
        return small(
                dir,
                family + "-" + version + "-" + abi + ".so",
                abi,
                version,
                "ELF stand-in " + family + " " + version + " " + abi);
    }

    /** A prompt template that lets an app on {@code forInterface} use a model of another interface. */
    public static ModelFile promptTemplate(Path dir, String family, String version, String forInterface)
            throws IOException {
        String name = family + "-" + version + "-" + forInterface.replace('@', '-') + ".json";
        return small(
                dir,
                name,
                forInterface,
                version,
                "{\"chat_template\": \"<|user|>{{prompt}}<|assistant|>\", \"for\": \"" + forInterface
                        + "\", \"model\": \"" + family + " " + version + "\"}");
    }

    private static ModelFile small(Path dir, String name, String tier, String version, String content)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return new ModelFile(version, tier, file, Files.size(file), sha256(file));
    }

    /** The hex sha256 of a file. */
    public static String sha256(Path file) throws IOException {
        return Sha256.of(file);
    }
}
