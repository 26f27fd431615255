package dev.otter.simulator.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;

/**
 * Downloads into a {@code .part} file and resumes with {@code Range: bytes=<have>-} after a
 * network break, so what arrived is never fetched again (T/ISC 5.2.1). A break can be simulated.
 */
public final class Downloader {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final double breakRate;
    private final double corruptRate;

    /**
     * @param breakRate chance that a download stops halfway, as if the network went away
     * @param corruptRate chance that a download arrives with one byte flipped (a bad proxy)
     */
    public Downloader(double breakRate, double corruptRate) {
        this.breakRate = breakRate;
        this.corruptRate = corruptRate;
    }

    /** A network that breaks but never corrupts. */
    public Downloader(double breakRate) {
        this(breakRate, 0);
    }

    /** Outcome: whether the file is complete, and how many bytes this attempt fetched. */
    public record Attempt(boolean complete, long fetched) {}

    public Attempt fetch(String url, Path part, long size, Random random) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > size) {
            Files.delete(part); // not what we expected: start over
            have = 0;
        }
        if (have == size) {
            return new Attempt(true, 0);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200 && have > 0) {
            Files.delete(part); // the server ignored the range: take the whole file
            have = 0;
        } else if (response.statusCode() != 200 && response.statusCode() != 206) {
            response.body().close();
            throw new IOException("download " + url + " answered " + response.statusCode());
        }
        long stopAt = random.nextDouble() < breakRate ? have + (size - have) / 2 : Long.MAX_VALUE;
        long fetched = 0;
        boolean corrupt = random.nextDouble() < corruptRate;
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            byte[] buffer = new byte[1 << 15];
            int n;
            while ((n = in.read(buffer)) > 0) {
                int keep = (int) Math.min(n, Math.max(0, stopAt - have - fetched));
                if (corrupt && keep > 0) {
                    buffer[0] ^= 0x5a;
                    corrupt = false;
                }
                out.write(buffer, 0, keep);
                fetched += keep;
                if (keep < n) {
                    return new Attempt(false, fetched); // the network broke
                }
            }
        }
        return new Attempt(have + fetched == size, fetched);
    }
}
