package dev.otter.manifest.artifact.service;

import dev.otter.manifest.config.ManifestConfig;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS SDK's S3 client and presigner for the configured bucket: static keys when given, else the
 * default credentials chain (web identity from a projected service-account token, instance profile,
 * environment); the SDK's standard retries with backoff; enough connections for the parallel parts.
 */
public record S3Connection(S3Client client, S3Presigner presigner) {

    /** The client and presigner of these settings. */
    public static S3Connection of(ManifestConfig.Artifacts.S3 s3) {
        return of(s3, List.of());
    }

    /** The same, with interceptors that see every request of the client (metrics, tests). */
    public static S3Connection of(ManifestConfig.Artifacts.S3 s3, List<ExecutionInterceptor> interceptors) {
        AwsCredentialsProvider credentials = s3.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        s3.accessKey().get(), s3.secretKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(s3.region());
        S3Configuration style =
                S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build();
        var client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(style)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(s3.maxAttempts())
                                .build())
                        .executionInterceptors(interceptors))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(Math.max(8, s3.parallelParts() * 2))
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)));
        var presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(style);
        s3.endpoint().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        });
        return new S3Connection(client.build(), presigner.build());
    }
}
