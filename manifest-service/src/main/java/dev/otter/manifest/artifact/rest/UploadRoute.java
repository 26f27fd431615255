package dev.otter.manifest.artifact.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.Identifiers;
import dev.otter.manifest.artifact.ArtifactError;
import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.artifact.service.UploadService;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.support.error.CommonError;
import dev.otter.support.security.Roles;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code POST /api/v1/uploads?sha256=<declared>}: the raw bytes of a GGUF model file, streamed to
 * disk with back-pressure while they are hashed — a 5 GB file takes the same small heap as a 5 MB
 * one. A plain Vert.x route ordered before Quarkus' body-size limit, which stays in force for every
 * other endpoint; this one has its own ({@code otter.manifest.artifacts.max-upload-bytes}).
 * Answers 201 with the stored file, or a problem (sha256 mismatch, not GGUF, too large, incomplete).
 */
@ApplicationScoped
public class UploadRoute {

    private final ArtifactStore store;
    private final UploadService uploads;
    private final Problems problems;
    private final ObjectMapper json;
    private final long maxBytes;
    private final JWTParser tokens;

    public UploadRoute(
            ArtifactStore store,
            UploadService uploads,
            Problems problems,
            ObjectMapper json,
            ManifestConfig config,
            JWTParser tokens) {
        this.tokens = tokens;
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

    // Not a JAX-RS endpoint, so @RolesAllowed cannot guard it: the bearer token is verified here,
    // on a worker (a JWKS key location may be fetched), before a byte of the body is read.
    private void upload(RoutingContext rc) {
        rc.request().pause();
        String authorization = rc.request().getHeader("Authorization");
        rc.vertx()
                .<JsonWebToken>executeBlocking(() -> verify(authorization), false)
                .onComplete(verified -> {
                    if (verified.failed()) {
                        rc.response().putHeader("WWW-Authenticate", "Bearer");
                        problems.send(
                                rc,
                                CommonError.AUTHENTICATION_REQUIRED,
                                "uploads need a valid bearer token (Authorization: Bearer <jwt>)");
                    } else if (!Roles.allows(verified.result().getGroups(), Roles.PUBLISHER)) {
                        problems.send(rc, CommonError.FORBIDDEN, "uploading model files needs the publisher role");
                    } else {
                        accept(rc, verified.result().getSubject());
                    }
                });
    }

    private JsonWebToken verify(String authorization) throws ParseException {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ParseException("no bearer token");
        }
        return tokens.parse(authorization.substring(7).strip());
    }

    private void accept(RoutingContext rc, String actor) {
        HttpServerRequest request = rc.request();
        String declared = request.getParam("sha256");
        if (declared == null || !Identifiers.SHA256_PATTERN.matcher(declared).matches()) {
            problems.send(rc, ArtifactError.SHA256_REQUIRED, "give the file's sha256 as ?sha256=<64 hex characters>");
            return;
        }
        long declaredLength = contentLength(request);
        if (declaredLength > maxBytes) {
            problems.send(rc, ArtifactError.UPLOAD_TOO_LARGE, tooLarge());
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
                    new Transfer(rc, opened.result(), target, declared, declaredLength, actor).start();
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

    private String tooLarge() {
        return "uploads are limited to " + maxBytes + " bytes";
    }

    /** One upload in flight: body → hash + file, with back-pressure, then the checks. */
    private final class Transfer {
        private final RoutingContext rc;
        private final AsyncFile file;
        private final Path path;
        private final String declared;
        private final long declaredLength;
        private final MessageDigest digest = sha256();
        private long received;
        private boolean failed;

        private final String actor;

        Transfer(RoutingContext rc, AsyncFile file, Path path, String declared, long declaredLength, String actor) {
            this.actor = actor;
            this.rc = rc;
            this.file = file;
            this.path = path;
            this.declared = declared;
            this.declaredLength = declaredLength;
        }

        void start() {
            HttpServerRequest request = rc.request();
            request.handler(buffer -> {
                if (failed) {
                    return;
                }
                received += buffer.length();
                if (received > maxBytes) {
                    abort(ArtifactError.UPLOAD_TOO_LARGE, tooLarge());
                    return;
                }
                digest.update(buffer.getByteBuf().nioBuffer());
                file.write(buffer);
                if (file.writeQueueFull()) {
                    request.pause();
                    file.drainHandler(v -> request.resume());
                }
            });
            request.exceptionHandler(e -> abort(ArtifactError.UPLOAD_INCOMPLETE, "the upload broke off: " + e));
            request.endHandler(v -> file.close(closed -> finish()));
            request.resume();
        }

        private void finish() {
            if (failed) {
                return;
            }
            if (declaredLength >= 0 && received != declaredLength) {
                abort(ArtifactError.UPLOAD_INCOMPLETE, "received " + received + " of " + declaredLength + " bytes");
                return;
            }
            String computed = HexFormat.of().formatHex(digest.digest());
            uploads.finish(path, computed, declared, actor)
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

        private void abort(ArtifactError code, String detail) {
            if (failed) {
                return;
            }
            failed = true;
            file.close(closed -> rc.vertx().executeBlocking(() -> Files.deleteIfExists(path)));
            // The rest of the body is not read: close the connection after answering.
            rc.response().putHeader("Connection", "close");
            problems.send(rc, code, detail);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
