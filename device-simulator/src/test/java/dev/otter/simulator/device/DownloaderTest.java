package dev.otter.simulator.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.otter.simulator.files.DemoModels;
import dev.otter.simulator.files.FileServer;
import dev.otter.simulator.files.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenDownloadResumesWhereItStoppedAndEndsByteExact() throws Exception {
        ModelFile model = DemoModels.generate(dir.resolve("files"), "fam", "1.0.0", DemoModels.LARGE);
        Path part = dir.resolve("download.part");
        try (FileServer server = new FileServer(dir.resolve("files"), 0, 0)) {
            Downloader.Attempt first =
                    new Downloader(1.0).fetch(server.url(model.path()), part, model.size(), new Random(1));
            assertThat(first.complete()).isFalse();
            assertThat(Files.size(part)).isEqualTo(model.size() / 2);
        }
        // A fresh server counts only what the resumed attempt asked for.
        try (FileServer server = new FileServer(dir.resolve("files"), 0, 0)) {
            Downloader.Attempt second =
                    new Downloader(0).fetch(server.url(model.path()), part, model.size(), new Random(1));
            assertThat(second.complete()).isTrue();
            assertThat(second.fetched()).isEqualTo(model.size() - model.size() / 2);
            assertThat(server.bytesServed())
                    .as("only the missing bytes were sent")
                    .isEqualTo(second.fetched());
        }
        assertThat(DemoModels.sha256(part)).isEqualTo(model.sha256());
    }

    @Test
    void aCompleteFileIsNotFetchedAgainAndALongerOneStartsOver() throws Exception {
        ModelFile model = DemoModels.generate(dir.resolve("files"), "fam", "1.0.0", DemoModels.SMALL);
        Path part = dir.resolve("download.part");
        try (FileServer server = new FileServer(dir.resolve("files"), 0, 0)) {
            Files.copy(model.path(), part);
            assertThat(new Downloader(0).fetch(server.url(model.path()), part, model.size(), new Random(1)))
                    .isEqualTo(new Downloader.Attempt(true, 0));
            assertThat(server.bytesServed()).isZero();

            Files.write(part, new byte[(int) model.size() + 10]);
            Downloader.Attempt again =
                    new Downloader(0).fetch(server.url(model.path()), part, model.size(), new Random(1));
            assertThat(again).isEqualTo(new Downloader.Attempt(true, model.size()));
        }
        assertThat(DemoModels.sha256(part)).isEqualTo(model.sha256());
    }
}
