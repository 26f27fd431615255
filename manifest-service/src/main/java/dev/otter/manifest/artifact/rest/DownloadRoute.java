package dev.otter.manifest.artifact.rest;

import dev.otter.manifest.artifact.ArtifactError;
import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.artifact.service.ByteRange;
import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.artifact.service.DownloadTokens;
import dev.otter.support.error.RouteProblems;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET|HEAD /v1/files/<sha256>?expires=…&token=…}: a stored file for devices, through an
 * expiring link from update-check. Single byte ranges (206, suffix ranges, 416 beyond the end),
 * {@code If-Range} (a range is honoured only while the ETag still matches), {@code If-None-Match},
 * the sha256 as strong ETag and exact Content-Length. The file is sent with zero-copy sendfile.
 */
@ApplicationScoped
public class DownloadRoute {
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final ArtifactStore store;
    private final DownloadLinks links;
    private final RouteProblems problems;

    public DownloadRoute(ArtifactStore store, DownloadLinks links, RouteProblems problems) {
        this.store = store;
        this.links = links;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, "/v1/files/:sha256").order(-10).handler(this::download);
        router.route(HttpMethod.HEAD, "/v1/files/:sha256").order(-10).handler(this::download);
    }

    private void download(RoutingContext rc) {
        String sha = rc.pathParam("sha256");
        if (!SHA256.matcher(sha).matches()) {
            problems.send(rc, ArtifactError.FILE_NOT_FOUND, "no stored file " + sha);
            return;
        }
        DownloadTokens.Verdict verdict =
                links.verify(sha, rc.request().getParam("expires"), rc.request().getParam("token"));
        if (verdict == DownloadTokens.Verdict.INVALID) {
            problems.send(rc, ArtifactError.LINK_INVALID, "the link's token is missing or wrong");
            return;
        }
        if (verdict == DownloadTokens.Verdict.EXPIRED) {
            problems.send(rc, ArtifactError.LINK_EXPIRED, "the link has expired: check for updates again");
            return;
        }
        Optional<String> elsewhere =
                store.presignedUrl(sha, Instant.now(), Instant.now().plusSeconds(3600));
        if (elsewhere.isPresent()) { // the bucket serves it: an old-style link still works
            rc.response()
                    .setStatusCode(302)
                    .putHeader("Location", elsewhere.get())
                    .end();
            return;
        }
        Optional<Path> file = store.localFile(sha);
        if (file.isEmpty()) {
            problems.send(rc, ArtifactError.FILE_NOT_FOUND, "no stored file " + sha);
            return;
        }
        rc.vertx().fileSystem().props(file.get().toString(), props -> {
            if (props.failed()) {
                problems.send(rc, ArtifactError.FILE_NOT_FOUND, "no stored file " + sha);
                return;
            }
            serve(rc, file.get(), sha, props.result().size());
        });
    }

    private void serve(RoutingContext rc, Path file, String sha, long size) {
        String etag = "\"" + sha + "\"";
        HttpServerResponse response = rc.response()
                .putHeader("ETag", etag)
                .putHeader("Accept-Ranges", "bytes")
                .putHeader("Cache-Control", "private, max-age=31536000, immutable");
        String ifNoneMatch = rc.request().getHeader("If-None-Match");
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            response.setStatusCode(304).end();
            return;
        }
        String ifRange = rc.request().getHeader("If-Range");
        // A range is only safe against the same file: a different ETag (or a date) means "send it all".
        ByteRange.Parsed range = ifRange != null && !ifRange.strip().equals(etag)
                ? new ByteRange.Whole()
                : ByteRange.parse(rc.request().getHeader("Range"), size);
        response.putHeader("Content-Type", "application/octet-stream");
        boolean head = rc.request().method() == HttpMethod.HEAD;
        if (range instanceof ByteRange.Unsatisfiable) {
            response.putHeader("Content-Range", "bytes */" + size);
            problems.send(rc, ArtifactError.RANGE_NOT_SATISFIABLE, "the file has " + size + " bytes");
        } else if (range instanceof ByteRange.Partial p) {
            response.setStatusCode(206).putHeader("Content-Range", p.range().contentRange());
            send(response, file, p.range().first(), p.range().length(), head);
        } else {
            send(response.setStatusCode(200), file, 0, size, head);
        }
    }

    private static void send(HttpServerResponse response, Path file, long offset, long length, boolean head) {
        if (head) {
            response.putHeader("Content-Length", Long.toString(length)).end();
        } else {
            response.sendFile(file.toString(), offset, length);
        }
    }
}
