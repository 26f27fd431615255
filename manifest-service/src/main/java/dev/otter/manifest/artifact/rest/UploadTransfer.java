package dev.otter.manifest.artifact.rest;

import dev.otter.manifest.artifact.ArtifactError;
import dev.otter.support.error.RouteProblems;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BiConsumer;

/**
 * One upload in flight: the request body streamed into a file with back-pressure while it is
 * hashed, within a size limit. When the body is complete, {@code done} gets the file and its
 * sha256; a broken-off, oversized or short body is answered with its problem and the file deleted.
 */
final class UploadTransfer {
    private final RoutingContext rc;
    private final AsyncFile file;
    private final Path path;
    private final long declaredLength;
    private final long maxBytes;
    private final RouteProblems problems;
    private final BiConsumer<Path, String> done;
    private final MessageDigest digest = sha256();
    private long received;
    private boolean failed;

    UploadTransfer(
            RoutingContext rc,
            AsyncFile file,
            Path path,
            long declaredLength,
            long maxBytes,
            RouteProblems problems,
            BiConsumer<Path, String> done) {
        this.rc = rc;
        this.file = file;
        this.path = path;
        this.declaredLength = declaredLength;
        this.maxBytes = maxBytes;
        this.problems = problems;
        this.done = done;
    }

    void start() {
        HttpServerRequest request = rc.request();
        request.handler(buffer -> {
            if (failed) {
                return;
            }
            received += buffer.length();
            if (received > maxBytes) {
                abort(ArtifactError.UPLOAD_TOO_LARGE, UploadRoute.tooLarge(maxBytes));
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
        done.accept(path, HexFormat.of().formatHex(digest.digest()));
    }

    private void abort(ArtifactError code, String detail) {
        if (failed) {
            return;
        }
        failed = true;
        file.close(closed -> rc.vertx().executeBlocking(() -> Files.deleteIfExists(path)));
        // The rest of the body is not read: close the connection after answering.
        problems.send(rc, code, detail, true);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
