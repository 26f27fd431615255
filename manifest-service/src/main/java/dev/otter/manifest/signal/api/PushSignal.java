package dev.otter.manifest.signal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.otter.manifest.signal.SignalReason;
import java.time.Instant;
import java.util.List;

/**
 * A "check now" for the devices of one rollout or version, POSTed to the operator's push gateway
 * so it can wake apps that are not running. {@code id} is stable for the change (every instance
 * derives the same one; the receiver may use it to drop a repeat): the gateway pushes to the
 * devices of {@code family} on {@code channel} that run one of {@code versions} (for {@code
 * URGENT}: every device of the family on the channel).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushSignal(
        String id,
        String type,
        SignalReason reason,
        String family,
        String channel,
        String rolloutId,
        List<String> versions,
        String message,
        Instant issuedAt) {

    public PushSignal {
        versions = List.copyOf(versions);
    }
}
