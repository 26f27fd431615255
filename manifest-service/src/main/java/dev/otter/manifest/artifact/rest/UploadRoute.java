package dev.otter.manifest.artifact.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.Identifiers;
import dev.otter.contract.security.Roles;
import dev.otter.manifest.artifact.ArtifactError;
import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.artifact.service.UploadService;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.RouteProblems;
import dev.otter.support.security.RouteAuthenticator;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;

/**
 * {@code POST /api/v1/uploads?sha256=<declared>[&kind=binary]}: the raw bytes of a GGUF model file
 * (or, with {@code kind=binary}, any file: an engine build, an adapter), streamed to
 * disk with back-pressure while they are hashed — a 5 GB file takes the same small heap as a 5 MB
 * one. A plain Vert.x route ordered before Quarkus' body-size limit, which stays in force for every
 * other endpoint; this one has its own ({@code otter.manifest.artifacts.max-upload-bytes}).
 * Answers 201 with the stored file, or a problem (sha256 mismatch, not GGUF, too large, incomplete).
 */
@ApplicationScoped
public class UploadRoute {

    private final ArtifactStore store;
    private final UploadService uploads;
    private final RouteProblems problems;
    private final ObjectMapper json;
    private final long maxBytes;
    private final RouteAuthenticator auth;

    public UploadRoute(
            ArtifactStore store,
            UploadService uploads,
            RouteProblems problems,
            ObjectMapper json,
            ManifestConfig config,
            RouteAuthenticator auth) {
        this.auth = auth;
        this.store = store;
        this.uploads = uploads;
        this.problems = problems;
        this.json = json;
        this.maxBytes = config.artifacts().maxUploadBytes();
    }

    void register(@Observes Router router) {
        // Before Quarkus' body-size check (order -2), which would refuse a model-sized body.
        router.post("/api/v1/uploads").order(-10).handler(this::upload);
    }

    // Not a JAX-RS endpoint, so @RolesAllowed cannot guard it: the token is checked before a byte
    // of the body is read.
    private void upload(RoutingContext rc) {
        auth.require(rc, Roles.PUBLISHER, "uploading model files", actor -> accept(rc, actor));
    }

    private void accept(RoutingContext rc, String actor) {
        HttpServerRequest request = rc.request();
        String declared = request.getParam("sha256");
        if (declared == null || !Identifiers.SHA256_PATTERN.matcher(declared).matches()) {
            problems.send(rc, ArtifactError.SHA256_REQUIRED, "give the file's sha256 as ?sha256=<64 hex characters>");
            return;
        }
        String kind = request.getParam("kind");
        if (kind != null && !kind.equals("model") && !kind.equals("binary")) {
            problems.send(rc, CommonError.INVALID_PARAMETER, "kind must be model (a GGUF file, the default) or binary");
            return;
        }
        boolean model = !"binary".equals(kind);
        long declaredLength = contentLength(request);
        if (declaredLength > maxBytes) {
            problems.send(rc, ArtifactError.UPLOAD_TOO_LARGE, tooLarge(maxBytes));
            return;
        }
        Path target;
        try {
            target = store.newUpload();
        } catch (java.io.IOException e) {
            rc.fail(e);
            return;
        }
        rc.vertx()
                .fileSystem()
                .open(target.toString(), new OpenOptions().setWrite(true).setCreateNew(true), opened -> {
                    if (opened.failed()) {
                        rc.fail(opened.cause());
                        return;
                    }
                    new UploadTransfer(
                                    rc,
                                    opened.result(),
                                    target,
                                    declaredLength,
                                    maxBytes,
                                    problems,
                                    (path, sha256) -> store(rc, path, sha256, declared, actor, model))
                            .start();
                });
    }

    private static long contentLength(HttpServerRequest request) {
        try {
            String value = request.getHeader("Content-Length");
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String tooLarge(long maxBytes) {
        return "uploads are limited to " + maxBytes + " bytes";
    }

    // The body is complete: check it and keep it (or answer why not).
    private void store(RoutingContext rc, Path path, String computed, String declared, String actor, boolean model) {
        uploads.finish(path, computed, declared, actor, model)
                .subscribe()
                .with(
                        stored -> {
                            try {
                                rc.response()
                                        .setStatusCode(201)
                                        .putHeader("Content-Type", "application/json")
                                        .putHeader("Location", "/api/v1/uploads/" + stored.sha256())
                                        .end(json.writeValueAsString(UploadView.of(stored)));
                            } catch (Exception e) {
                                rc.fail(e);
                            }
                        },
                        e -> problems.send(rc, e));
    }
}
