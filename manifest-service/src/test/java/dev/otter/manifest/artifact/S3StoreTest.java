package dev.otter.manifest.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otter.manifest.artifact.service.ArtifactStore;
import dev.otter.manifest.artifact.service.ArtifactStoreProducer;
import dev.otter.manifest.artifact.service.MultipartUploader;
import dev.otter.manifest.artifact.service.S3Connection;
import dev.otter.manifest.testing.S3Settings;
import dev.otter.testsupport.S3Mock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The S3 store and its uploader against a real S3-compatible server (S3Mock, started by the test). */
class S3StoreTest {
    private static final long MIB = 1L << 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final S3Mock s3 = S3Mock.get();

    @Test
    void filesGoToTheBucketComeBackForPatchingAndDevicesGetRangedPresignedLinks() throws Exception {
        String prefix = "t-" + UUID.randomUUID() + "/";
        ArtifactStore store = ArtifactStoreProducer.s3Store(S3Settings.of(s3, prefix, 5 * MIB, 2), dir);
        String sha = "ab".repeat(32);
        Path upload = store.newUpload();
        Files.writeString(upload, "model bytes, stored once");

        store.commit(upload, sha);
        assertThat(upload).doesNotExist();
        Path again = store.newUpload();
        Files.writeString(again, "model bytes, stored once");
        store.commit(again, sha); // content-addressed: already there, not sent again
        assertThat(again).doesNotExist();

        try (ArtifactStore.LocalCopy copy = store.open(sha)) {
            assertThat(Files.readString(copy.path())).isEqualTo("model bytes, stored once");
            Path p = copy.path();
            copy.close();
            assertThat(p).doesNotExist();
        }

        Instant now = Instant.now();
        String link = store.presignedUrl(sha, now, now.plusSeconds(3600)).orElseThrow();
        assertThat(link)
                .startsWith(s3.endpoint() + "/" + S3Mock.BUCKET + "/" + prefix + "sha256/" + sha)
                .contains("X-Amz-Expires=3600")
                .contains("X-Amz-Signature=");
        HttpResponse<String> whole = get(link, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("model bytes, stored once");
        HttpResponse<String> range = get(link, "bytes=6-10");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("bytes");
        assertThat(store.presignedUrl(sha, now, now.plusSeconds(30L * 24 * 3600))
                        .orElseThrow())
                .as("SigV4 links live at most 7 days")
                .contains("X-Amz-Expires=604800");

        assertThatThrownBy(() -> store.open("cd".repeat(32))).isInstanceOf(IOException.class);
    }

    /** In a JVM of its own with a 64 MB heap: an upload that held parts (or the file) in memory would fail. */
    @Test
    void aMultiGibFileGoesUpInParallelPartsWithFlatMemory() throws Exception {
        long size = 2L * 1024 * MIB + 3 * MIB; // 2 GiB and a short last part
        Path file = sparseFileWithMarks(size);
        String key = "big-" + UUID.randomUUID();
        Path log = dir.resolve("upload.log");
        Process upload = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx64m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-cp",
                        System.getProperty("java.class.path"),
                        S3UploadProcess.class.getName(),
                        s3.endpoint(),
                        S3Mock.BUCKET,
                        key,
                        file.toString(),
                        Long.toString(64 * MIB),
                        "4")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(upload.waitFor(5, TimeUnit.MINUTES)).as("upload finished").isTrue();
        assertThat(upload.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("parts=33");

        S3Connection connection = S3Connection.of(S3Settings.of(s3, "", 64 * MIB, 4));
        S3Client client = connection.client();
        assertThat(client.headObject(b -> b.bucket(S3Mock.BUCKET).key(key)).contentLength())
                .isEqualTo(size);
        String link = connection
                .presigner()
                .presignGetObject(p -> p.signatureDuration(java.time.Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket(S3Mock.BUCKET).key(key)))
                .url()
                .toString();
        for (long mark : marks(size)) { // ranges at part boundaries come back byte-exact
            HttpResponse<String> r = get(link, "bytes=" + mark + "-" + (mark + 15));
            assertThat(r.statusCode()).isEqualTo(206);
            assertThat(r.body()).isEqualTo(mark(mark));
        }
        client.deleteObject(b -> b.bucket(S3Mock.BUCKET).key(key));
    }

    @Test
    void anInterruptedUploadResumesWithThePartsAlreadyInTheBucket() throws Exception {
        long size = 12 * MIB + 100;
        Path file = randomFile(size);
        String key = "resume-" + UUID.randomUUID();
        S3Client plain = S3Connection.of(S3Settings.of(s3, "", 5 * MIB, 2)).client();
        // A process that died after its first two parts: the upload is open, parts 1 and 2 are there.
        String uploadId = plain.createMultipartUpload(
                        b -> b.bucket(S3Mock.BUCKET).key(key))
                .uploadId();
        byte[] bytes = Files.readAllBytes(file);
        for (int n = 1; n <= 2; n++) {
            int number = n;
            plain.uploadPart(
                    b -> b.bucket(S3Mock.BUCKET).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(java.util.Arrays.copyOfRange(
                            bytes, (int) ((number - 1) * 5 * MIB), (int) (number * 5 * MIB))));
        }
        ConcurrentLinkedQueue<Integer> parts = new ConcurrentLinkedQueue<>();
        S3Client counted = S3Connection.of(S3Settings.of(s3, "", 5 * MIB, 2), List.of(recordParts(parts)))
                .client();

        new MultipartUploader(counted, 5 * MIB, 2).upload(file, S3Mock.BUCKET, key);

        assertThat(parts).as("only the missing part is sent").containsExactly(3);
        assertThat(plain.getObjectAsBytes(b -> b.bucket(S3Mock.BUCKET).key(key)).asByteArray())
                .isEqualTo(bytes);
        assertThat(plain.listMultipartUploads(b -> b.bucket(S3Mock.BUCKET).prefix(key))
                        .uploads())
                .isEmpty();
    }

    @Test
    void aFailedUploadIsAbortedAndLeavesNoParts() throws Exception {
        Path file = randomFile(11 * MIB);
        String key = "fails-" + UUID.randomUUID();
        ExecutionInterceptor failPartTwo = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part && part.partNumber() == 2) {
                    throw new IllegalStateException("the network is gone");
                }
            }
        };
        S3Client failing = S3Connection.of(S3Settings.of(s3, "", 5 * MIB, 2), List.of(failPartTwo))
                .client();

        assertThatThrownBy(() -> new MultipartUploader(failing, 5 * MIB, 2).upload(file, S3Mock.BUCKET, key))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("part 2")
                .hasMessageContaining("the network is gone");

        S3Client plain = S3Connection.of(S3Settings.of(s3, "", 5 * MIB, 2)).client();
        assertThat(plain.listMultipartUploads(b -> b.bucket(S3Mock.BUCKET).prefix(key))
                        .uploads())
                .as("aborted")
                .isEmpty();
        assertThat(plain.listObjectsV2(b -> b.bucket(S3Mock.BUCKET).prefix(key)).contents())
                .isEmpty();
    }

    @Test
    void keysGoInPairsAndPartsHaveS3sLimits() {
        S3Settings half = new S3Settings(
                java.util.Optional.empty(),
                "eu-central-1",
                java.util.Optional.of("b"),
                java.util.Optional.of("only-the-id"),
                java.util.Optional.empty(),
                false,
                "",
                new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(64 * MIB)),
                4,
                3);
        assertThatThrownBy(() -> ArtifactStoreProducer.s3Store(half, dir))
                .hasMessageContaining("access-key and secret-key go together");
        S3Client client = S3Connection.of(S3Settings.of(s3, "", 5 * MIB, 1)).client();
        assertThatThrownBy(() -> new MultipartUploader(client, MIB, 1)).hasMessageContaining("5 MiB and 1 GiB");
    }

    // ---- helpers

    private static HttpResponse<String> get(String link, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(link));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ExecutionInterceptor recordParts(ConcurrentLinkedQueue<Integer> parts) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part) {
                    parts.add(part.partNumber());
                }
            }
        };
    }

    // A sparse file (no disk for the zeros) with a readable 16-byte mark around every part boundary.
    private Path sparseFileWithMarks(long size) throws IOException {
        Path file = dir.resolve("big.gguf");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            for (long mark : marks(size)) {
                raf.seek(mark);
                raf.write(mark(mark).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return file;
    }

    private static List<Long> marks(long size) {
        return List.of(0L, 64 * MIB - 8, 1024 * MIB - 8, 2048 * MIB - 8, size - 16);
    }

    private static String mark(long at) {
        return String.format("@%015d", at);
    }

    private Path randomFile(long size) throws IOException {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("random-" + size), bytes);
    }
}
