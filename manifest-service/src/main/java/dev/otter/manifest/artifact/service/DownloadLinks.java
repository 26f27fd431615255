package dev.otter.manifest.artifact.service;

import dev.otter.manifest.config.ManifestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns the catalog's {@code otter-store:<sha256>} URLs into expiring download links to this
 * service's {@code /v1/files/<sha256>}; any other URL (a CDN, a mirror) passes unchanged.
 */
@ApplicationScoped
public class DownloadLinks {
    /** The URL scheme of files held in Otter's own store. */
    public static final String STORE_SCHEME = "otter-store:";

    private final DownloadTokens tokens;
    private final ArtifactStore store;
    private final String base;
    private final long windowSeconds;
    private final Clock clock;
    private final Map<String, String> signed = new ConcurrentHashMap<>();
    private volatile long signedWindow = -1;

    public DownloadLinks(
            ManifestConfig config, ArtifactStore store, @ConfigProperty(name = "quarkus.http.port") int port) {
        this.store = store;
        ManifestConfig.Artifacts a = config.artifacts();
        this.tokens = new DownloadTokens(a.tokenSecret(), a.linkTtl(), a.linkWindow());
        this.base = a.publicUrl().orElse("http://127.0.0.1:" + port).replaceAll("/+$", "");
        this.windowSeconds = Math.max(1, a.linkWindow().toSeconds());
        this.clock = Clock.systemUTC();
    }

    /** The catalog URL of a stored file. */
    public static String storeUrl(String sha256) {
        return STORE_SCHEME + sha256;
    }

    /**
     * A link devices can download from now. Links are signed as of the start of the current window
     * and cached for it: the hot path signs each file once per window, not once per answer.
     */
    public String resolve(String url) {
        if (url == null || !url.startsWith(STORE_SCHEME)) {
            return url;
        }
        long w = window();
        if (w != signedWindow) {
            signed.clear();
            signedWindow = w;
        }
        return signed.computeIfAbsent(url, u -> sign(u.substring(STORE_SCHEME.length()), w));
    }

    private String sign(String sha, long window) {
        Instant start = Instant.ofEpochSecond(window * windowSeconds);
        return store.presignedUrl(sha, start, tokens.expires(start))
                .orElseGet(() -> base + "/v1/files/" + sha + "?" + tokens.query(sha, start));
    }

    /** The current link window: links rendered in one window are the same. */
    public long window() {
        return clock.instant().getEpochSecond() / windowSeconds;
    }

    /** Checks a link's token and expiry. */
    public DownloadTokens.Verdict verify(String sha256, String expires, String token) {
        return tokens.verify(sha256, expires, token, Instant.now(clock));
    }
}
