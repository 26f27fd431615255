package dev.otter.manifest.artifact.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Sends one local file to one S3 key: a single PUT up to the part size, else a multipart upload
 * whose parts go up in parallel, each streamed from the file (memory stays flat for a 40 GB model).
 * Each request is retried by the SDK. Resumable: a process killed mid-upload leaves the upload open,
 * and the next upload to the same key (keys are content addresses, so the same bytes) reuses the
 * parts that are already there with the right size and MD5. A failed upload is aborted, so no parts
 * are left to pay for.
 *
 * <p>Why not the SDK's transfer manager: it resumes only from a token the caller must persist,
 * whereas a content-addressed key lets the bucket itself say what is already uploaded.
 */
public class MultipartUploader {
    /** S3's smallest part (except the last). */
    public static final long MIN_PART = 5L << 20;
    /** The largest part size this uploader uses. */
    public static final long MAX_PART = 1L << 30;
    /** S3's limit on parts per upload. */
    static final int MAX_PARTS = 10_000;

    private static final Logger LOG = Logger.getLogger(MultipartUploader.class);

    private final S3Client s3;
    private final long partSize;
    private final int parallelParts;

    public MultipartUploader(S3Client s3, long partSize, int parallelParts) {
        if (partSize < MIN_PART || partSize > MAX_PART) {
            throw new IllegalArgumentException("the S3 part size must be between 5 MiB and 1 GiB, not " + partSize);
        }
        if (parallelParts < 1) {
            throw new IllegalArgumentException("parallel parts must be at least 1, not " + parallelParts);
        }
        this.s3 = s3;
        this.partSize = partSize;
        this.parallelParts = parallelParts;
    }

    /** Uploads {@code file} to {@code key}; on return the object is complete. */
    public void upload(Path file, String bucket, String key) throws IOException {
        long size = Files.size(file);
        if (size <= partSize) {
            call("PUT " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)));
            return;
        }
        long part = partSizeFor(size);
        Optional<String> open = call("list uploads of " + key, () -> openUpload(bucket, key));
        String uploadId = open.isPresent()
                ? open.get()
                : call("start upload of " + key, () -> s3.createMultipartUpload(
                                b -> b.bucket(bucket).key(key))
                        .uploadId());
        try {
            List<CompletedPart> parts = sendParts(file, size, part, bucket, key, uploadId);
            call(
                    "complete " + key,
                    () -> s3.completeMultipartUpload(
                            b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            abort(bucket, key, uploadId);
            throw e;
        }
    }

    /** The part size for a file: the configured one, grown so that the file fits in 10 000 parts. */
    long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(partSize, needed);
    }

    private List<CompletedPart> sendParts(Path file, long size, long part, String bucket, String key, String uploadId)
            throws IOException {
        int count = (int) ((size + part - 1) / part);
        Map<Integer, Part> there = call("list parts of " + key, () -> uploadedParts(bucket, key, uploadId));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelParts, count), r -> {
            Thread t = new Thread(r, "s3-part");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CompletedPart>> sent = new ArrayList<>(count);
            for (int n = 1; n <= count; n++) {
                long offset = (n - 1) * part;
                long length = Math.min(part, size - offset);
                int number = n;
                sent.add(pool.submit(
                        () -> sendPart(file, offset, length, number, there.get(number), bucket, key, uploadId)));
            }
            List<CompletedPart> done = new ArrayList<>(count);
            for (Future<CompletedPart> f : sent) {
                done.add(f.get());
            }
            return done;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException(
                            "S3 part upload of " + key + " failed: "
                                    + e.getCause().getMessage(),
                            e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading " + key, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private CompletedPart sendPart(
            Path file, long offset, long length, int number, Part there, String bucket, String key, String uploadId)
            throws IOException {
        if (there != null
                && there.size() == length
                && there.eTag().replace("\"", "").equals(md5(file, offset, length))) {
            return CompletedPart.builder().partNumber(number).eTag(there.eTag()).build();
        }
        String eTag = call(
                        "part " + number + " of " + key,
                        () -> s3.uploadPart(
                                b -> b.bucket(bucket)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength(length),
                                RequestBody.fromContentProvider(
                                        () -> slice(file, offset), length, "application/octet-stream")))
                .eTag();
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    // A fresh stream per call: the SDK asks again when it retries; it reads exactly the part's length.
    private static InputStream slice(Path file, long offset) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newInputStream(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> openUpload(String bucket, String key) {
        return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(key)).uploads().stream()
                .filter(u -> u.key().equals(key))
                .map(MultipartUpload::uploadId)
                .findFirst()
                .map(id -> {
                    LOG.infof("resuming the unfinished S3 upload of %s", key);
                    return id;
                });
    }

    private Map<Integer, Part> uploadedParts(String bucket, String key, String uploadId) {
        return s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts().stream()
                .collect(Collectors.toMap(Part::partNumber, Function.identity(), (a, b) -> b));
    }

    private void abort(String bucket, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warnf(
                    "could not abort the failed S3 upload %s of %s (%s): its parts stay until the bucket's"
                            + " abort-incomplete-multipart-upload lifecycle rule removes them, or the next upload of"
                            + " the same file reuses them",
                    uploadId, key, e.getMessage());
        }
    }

    private static String md5(Path file, long offset, long length) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5"); // S3's ETag of an unencrypted part
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    break;
                }
                position += read;
                md5.update(buffer.flip());
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static <T> T call(String what, java.util.function.Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (SdkException | IllegalStateException | UncheckedIOException e) {
            throw new IOException("S3 " + what + " failed: " + e.getMessage(), e);
        }
    }
}
