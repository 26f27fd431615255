package dev.otter.manifest.signal.service;

import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.signal.api.PushSignal;
import dev.otter.manifest.signing.service.SignedJson;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

/**
 * POSTs one signal to the gateway: canonical JSON signed like a device answer ({@code
 * Otter-Signature}, verify with {@code /.well-known/otter-keys.json}), the signal id in {@code
 * Otter-Delivery}. Any 2xx is delivered; anything else, or no answer within the timeout, fails.
 */
@ApplicationScoped
public class PushWebhook {
    private final SignedJson signed;
    private final ManifestConfig.Push config;
    private final Vertx vertx;
    private HttpClient client;

    public PushWebhook(SignedJson signed, ManifestConfig config, Vertx vertx) {
        this.signed = signed;
        this.config = config.push();
        this.vertx = vertx;
    }

    Uni<Void> post(String id, PushSignal signal) {
        SignedJson.Signed body = signed.sign(signal);
        long timeout = config.timeout().toMillis();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.webhookUrl().orElseThrow())
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout)
                .putHeader("Content-Type", "application/json")
                .putHeader(SignedJson.HEADER, body.signature())
                .putHeader("Otter-Delivery", id);
        return Uni.createFrom()
                .completionStage(() -> client().request(request)
                        .compose(r -> r.send(Buffer.buffer(body.body())))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .toCompletionStage())
                .invoke(status -> {
                    if (status / 100 != 2) {
                        throw new IllegalStateException("the gateway answered " + status);
                    }
                })
                .replaceWithVoid();
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
        }
        return client;
    }

    /** Skips the delivery poll when no webhook is configured. */
    @Singleton
    public static class NotConfigured implements Scheduled.SkipPredicate {
        private final boolean skip;

        public NotConfigured(ManifestConfig config) {
            this.skip = config.push().webhookUrl().isEmpty();
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return skip;
        }
    }
}
