package dev.otter.rollout.rollout.client;

import dev.otter.contract.Channel;
import dev.otter.rollout.rollout.RolloutError;
import dev.otter.support.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Checks, before a rollout or a channel default is stored or started, that every version it names
 * is PUBLISHED in the catalog and released to a channel its devices see. A read that lost its
 * connection (a manifest-service instance killed mid-request) is asked again twice — it is a GET,
 * and the Service sends the retry to another instance; a catalog still unreachable is a 503 and
 * nothing is changed.
 */
@ApplicationScoped
public class CatalogCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int RETRIES = 2;

    private final CatalogApi catalog;

    public CatalogCheck(@RestClient CatalogApi catalog) {
        this.catalog = catalog;
    }

    /** Fails with VERSION_NOT_RELEASABLE (or CATALOG_UNAVAILABLE) unless every version is releasable. */
    public Uni<Void> requireReleasable(String family, Channel channel, Collection<String> versions) {
        List<Uni<Void>> checks =
                versions.stream().distinct().map(v -> check(family, channel, v)).toList();
        return checks.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(checks).andFailFast().replaceWithVoid();
    }

    private Uni<Void> check(String family, Channel channel, String version) {
        return catalog.version(family, version)
                .onFailure(failure -> !(failure instanceof WebApplicationException))
                .retry()
                .withBackOff(Duration.ofMillis(100))
                .atMost(RETRIES)
                .ifNoItem()
                .after(TIMEOUT)
                .fail()
                .onFailure()
                .transform(failure -> translate(family, version, failure))
                .invoke(found -> {
                    if (!"PUBLISHED".equals(found.status())) {
                        throw notReleasable(family + " " + version + " is " + found.status() + ", not PUBLISHED");
                    }
                    if (!channel.sees(Channel.parse(found.channel()))) {
                        throw notReleasable(family + " " + version + " is released to " + found.channel() + "; "
                                + channel.wireName() + " devices cannot receive it");
                    }
                })
                .replaceWithVoid();
    }

    private static Throwable translate(String family, String version, Throwable failure) {
        if (failure instanceof ApiException) {
            return failure;
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
            return notReleasable(family + " " + version + " is not in the catalog");
        }
        return new ApiException(
                RolloutError.CATALOG_UNAVAILABLE,
                "the catalog (manifest-service) did not answer about " + family + " " + version + ": "
                        + failure.getMessage());
    }

    private static ApiException notReleasable(String detail) {
        return new ApiException(RolloutError.VERSION_NOT_RELEASABLE, detail);
    }
}
