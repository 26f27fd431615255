package dev.otter.manifest.artifact;

import dev.otter.manifest.artifact.service.MultipartUploader;
import dev.otter.manifest.artifact.service.S3Connection;
import dev.otter.manifest.testing.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * One upload in a JVM of its own, so that a test can give it a small heap: {@code ENDPOINT BUCKET KEY
 * FILE PART_BYTES PARALLEL}; prints the number of parts sent.
 */
public final class S3UploadProcess {
    private S3UploadProcess() {}

    public static void main(String[] args) throws Exception {
        // As in the service (INFO): at DEBUG the HTTP client's wire log would copy every byte sent.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        AtomicInteger parts = new AtomicInteger();
        ExecutionInterceptor count = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest) {
                    parts.incrementAndGet();
                }
            }
        };
        long partSize = Long.parseLong(args[4]);
        int parallel = Integer.parseInt(args[5]);
        S3Settings settings = S3Settings.of(URI.create(args[0]), args[1], "", partSize, parallel);
        S3Connection connection = S3Connection.of(settings, List.of(count));
        new MultipartUploader(connection.client(), partSize, parallel).upload(Path.of(args[3]), args[1], args[2]);
        System.out.println("parts=" + parts.get());
    }
}
