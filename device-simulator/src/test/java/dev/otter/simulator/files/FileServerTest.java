package dev.otter.simulator.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            r.header("Range", range);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesWholeFilesAndByteRanges() throws Exception {
        ModelFile model = DemoModels.generate(dir, "fam", "1.0.0", DemoModels.SMALL);
        byte[] all = Files.readAllBytes(model.path());
        try (FileServer server = new FileServer(dir, 0, 0)) {
            String url = server.url(model.path());
            HttpResponse<byte[]> whole = get(url, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(all);

            HttpResponse<byte[]> part = get(url, "bytes=10-19");
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + all.length);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(all, 10, 20));

            HttpResponse<byte[]> tail = get(url, "bytes=" + (all.length - 5) + "-");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(all, all.length - 5, all.length));

            HttpResponse<byte[]> beyond = get(url, "bytes=" + all.length + "-");
            assertThat(beyond.statusCode()).isEqualTo(416);
            assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + all.length);
        }
    }

    @Test
    void neverServesOutsideItsDirectoryAndCanCorruptOnPurpose() throws Exception {
        ModelFile model = DemoModels.generate(dir.resolve("served"), "fam", "1.0.0", DemoModels.SMALL);
        Files.writeString(dir.resolve("secret.txt"), "no");
        try (FileServer server = new FileServer(dir.resolve("served"), 0, 1.0)) {
            String url = server.url(model.path());
            assertThat(get(url.replace(model.path().getFileName().toString(), "../secret.txt"), null)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(get(url, null).body()).isNotEqualTo(Files.readAllBytes(model.path()));
        }
    }
}
