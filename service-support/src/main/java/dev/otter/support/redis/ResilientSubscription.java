package dev.otter.support.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A Redis pub/sub subscription that survives Redis going away: when the subscription fails or
 * ends it resubscribes every {@code retryDelay}, and after each resubscription calls {@code
 * onResubscribed} so the owner can reload what it may have missed. The outage is logged once.
 */
public final class ResilientSubscription {
    private static final Logger LOG = Logger.getLogger(ResilientSubscription.class);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final String channel;
    private final Duration retryDelay;
    private final Consumer<String> onMessage;
    private final Runnable onResubscribed;
    private volatile boolean stopped;
    private volatile boolean lost;
    private volatile Cancellable subscription;

    public ResilientSubscription(
            ReactiveRedisDataSource redis,
            Vertx vertx,
            String channel,
            Duration retryDelay,
            Consumer<String> onMessage,
            Runnable onResubscribed) {
        this.redis = redis;
        this.vertx = vertx;
        this.channel = channel;
        this.retryDelay = retryDelay;
        this.onMessage = onMessage;
        this.onResubscribed = onResubscribed;
    }

    public void start() {
        if (stopped) {
            return;
        }
        subscription = redis.pubsub(String.class)
                .subscribe(channel)
                .subscribe()
                .with(this::deliver, failure -> retry("failed: " + failure), () -> retry("ended"));
    }

    public void stop() {
        stopped = true;
        Cancellable s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void deliver(String message) {
        if (lost) {
            LOG.infof("subscription to %s restored", channel);
            lost = false;
        }
        onMessage.accept(message);
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        if (lost) {
            LOG.debugf("subscription to %s %s; resubscribing", channel, why);
        } else {
            LOG.warnf("subscription to %s %s; resubscribing every %s until Redis is back", channel, why, retryDelay);
            lost = true;
        }
        vertx.setTimer(retryDelay.toMillis(), id -> {
            start();
            onResubscribed.run();
        });
    }
}
