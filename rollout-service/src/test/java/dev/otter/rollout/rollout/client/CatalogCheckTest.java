package dev.otter.rollout.rollout.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.otter.contract.Channel;
import dev.otter.support.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** CatalogCheck alone, against a scripted catalog: lost connections are retried, answers are not. */
class CatalogCheckTest {
    private static final CatalogVersion PUBLISHED = new CatalogVersion("assistant", "2.0.0", "PUBLISHED", "stable");

    /** A catalog that fails the first {@code failures} calls with {@code failure}, then answers. */
    private static CatalogApi catalog(AtomicInteger calls, int failures, RuntimeException failure) {
        return (family, version) -> Uni.createFrom()
                .deferred(() -> calls.incrementAndGet() <= failures
                        ? Uni.createFrom().failure(failure)
                        : Uni.createFrom().item(PUBLISHED));
    }

    private static void check(CatalogApi catalog) {
        new CatalogCheck(catalog)
                .requireReleasable("assistant", Channel.parse("stable"), List.of("2.0.0"))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    @Test
    void aConnectionClosedMidRequestIsAskedAgain() {
        AtomicInteger calls = new AtomicInteger();
        check(catalog(calls, 1, new ProcessingException("Connection was closed")));
        assertThat(calls).hasValue(2);
    }

    @Test
    void aCatalogThatStaysAwayIsA503AfterTwoRetries() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> check(catalog(calls, 10, new ProcessingException("Connection refused"))))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("did not answer");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anAnswerIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> check(catalog(calls, 10, new WebApplicationException(404))))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("not in the catalog");
        assertThat(calls).hasValue(1);
    }
}
