package dev.otter.manifest.artifact.service;

import dev.otter.manifest.config.ManifestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
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
    private final String base;
    private final long windowSeconds;
    private final Clock clock;

    public DownloadLinks(ManifestConfig config, @ConfigProperty(name = "quarkus.http.port") int port) {
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

    /** A link devices can download from now. */
    public String resolve(String url) {
        if (url == null || !url.startsWith(STORE_SCHEME)) {
            return url;
        }
        String sha = url.substring(STORE_SCHEME.length());
        return base + "/v1/files/" + sha + "?" + tokens.query(sha, clock.instant());
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
