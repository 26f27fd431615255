package dev.otter.telemetry.aggregate.service;

import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.telemetry.aggregate.api.HourTotals;
import dev.otter.telemetry.aggregate.repository.CountHistoryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A version's history from the roll-up. */
@ApplicationScoped
public class HistoryService {
    /** The longest history asked for at once: 30 days, the retention the standard asks for. */
    static final int MAX_HOURS = 720;

    private final CountHistoryRepository history;

    public HistoryService(CountHistoryRepository history) {
        this.history = history;
    }

    /** Hourly totals per metric over the last {@code hours} (1-720). */
    public Uni<List<HourTotals>> hourly(String family, String version, int hours) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "hours must be 1-" + MAX_HOURS);
        }
        return history.hourly(
                family, version, OffsetDateTime.now(ZoneOffset.UTC).minusHours(hours));
    }
}
