package dev.otter.simulator.device;

import dev.otter.sdk.download.ProgressListener;
import dev.otter.sdk.net.Transport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Random;

/**
 * A simulated device's network around the SDK's transport: a download may break halfway (the SDK
 * resumes it with a Range request), and a file may arrive damaged when the release is bad on
 * verification (as from a broken build or mirror; the SDK's sha256 check catches it).
 */
public final class Network implements Transport {
    private final Transport real;
    private final double breakRate;
    private final double corruptRate;
    private volatile boolean damageNext;

    /**
     * @param breakRate chance that a download stops halfway, as if the network went away
     * @param corruptRate chance that a download arrives with one byte flipped (a bad proxy)
     */
    public Network(Transport real, double breakRate, double corruptRate) {
        this.real = real;
        this.breakRate = breakRate;
        this.corruptRate = corruptRate;
    }

    /** Damages the next file fetched (one byte flipped). */
    public void damageNext(boolean on) {
        damageNext = on;
    }

    /** A listener for one attempt: with {@code breakRate}, it stops the download halfway. */
    public ProgressListener attempt(Random random) {
        if (breakRate <= 0 || random.nextDouble() >= breakRate) {
            return ProgressListener.NONE;
        }
        long[] stopAt = {-1};
        return (done, total) -> {
            if (stopAt[0] < 0) {
                stopAt[0] = done + (total - done) / 2;
            }
            return done < stopAt[0];
        };
    }

    @Override
    public Response get(String url, long offset, Map<String, String> headers) throws IOException {
        Response r = real.get(url, offset, headers);
        boolean proxy = corruptRate > 0
                && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < corruptRate;
        if (!damageNext && !proxy) {
            return r;
        }
        damageNext = false;
        return new Response(r.status(), Map.of(), new Damaging(r.body()));
    }

    @Override
    public Response post(String url, byte[] body, Map<String, String> headers) throws IOException {
        return real.post(url, body, headers);
    }

    // Flips the first byte read.
    private static final class Damaging extends FilterInputStream {
        private boolean done;

        Damaging(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && !done) {
                b[off] ^= 0x5a;
                done = true;
            }
            return n;
        }
    }
}
