package dev.otter.manifest.signal.api;

import dev.otter.manifest.signal.PushStatus;
import java.time.Instant;

/** A push-gateway delivery as operators see it: the signal, how far it got, and the last failure. */
public record PushDeliveryView(
        String id,
        PushStatus status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant deliveredAt,
        PushSignal signal) {}
