package dev.otter.manifest.artifact.rest;

import dev.otter.manifest.artifact.ArtifactError;
import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.support.error.RouteProblems;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET|HEAD /v1/static/<name>}: a published document of the local store (a static seed-000
 * manifest or its signature) as a CDN origin would serve it: public, cacheable for the legacy
 * manifest's max-age, with an ETag. With the S3 store the bucket is the origin and this answers 404.
 */
@ApplicationScoped
public class StaticRoute {
    // Otter's own names: manifests/<family>/<channel>/manifest.json[.sig]; nothing else is served.
    private static final Pattern NAME =
            Pattern.compile("^manifests/[a-z][a-z0-9-]{1,63}/[a-z]+/manifest\\.json(\\.sig)?$");

    private final ArtifactStore store;
    private final RouteProblems problems;
    private final String cacheControl;

    public StaticRoute(ArtifactStore store, RouteProblems problems, ManifestConfig config) {
        this.store = store;
        this.problems = problems;
        this.cacheControl = "public, max-age=" + config.legacy().cacheMaxAge().toSeconds();
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, "/v1/static/*").order(-10).handler(this::serve);
        router.route(HttpMethod.HEAD, "/v1/static/*").order(-10).handler(this::serve);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(RoutingContext rc) {
        String name = rc.pathParam("*");
        Optional<Path> file =
                name != null && NAME.matcher(name).matches() ? store.localPublished(name) : Optional.empty();
        if (file.isEmpty()) {
            problems.send(rc, ArtifactError.FILE_NOT_FOUND, "no published document " + name);
            return;
        }
        rc.vertx().fileSystem().readFile(file.get().toString(), read -> {
            if (read.failed()) {
                problems.send(rc, ArtifactError.FILE_NOT_FOUND, "no published document " + name);
                return;
            }
            String etag = etag(read.result().getBytes());
            rc.response()
                    .putHeader("Content-Type", name.endsWith(".sig") ? "text/plain" : "application/json")
                    .putHeader("Cache-Control", cacheControl)
                    .putHeader("ETag", etag);
            String ifNoneMatch = rc.request().getHeader("If-None-Match");
            if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
                rc.response().setStatusCode(304).end();
            } else if (rc.request().method() == HttpMethod.HEAD) {
                rc.response()
                        .putHeader(
                                "Content-Length", Integer.toString(read.result().length()))
                        .end();
            } else {
                rc.response().end(read.result());
            }
        });
    }
}
