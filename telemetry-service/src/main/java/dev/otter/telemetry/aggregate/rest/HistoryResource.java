package dev.otter.telemetry.aggregate.rest;

import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** History from the PostgreSQL roll-up: hourly totals of a model version, all rollouts included. */
@Path("/api/v1/telemetry/versions/{family}/{version}/history")
@Tag(name = "Health")
public class HistoryResource {
    private final Pool pool;

    public HistoryResource(Pool pool) {
        this.pool = pool;
    }

    /** One hour: each metric's total. */
    public record Hour(Instant hour, Map<String, Long> metrics) {}

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hourly totals per metric over the last hours (1-720), from the roll-up")
    public Uni<List<Hour>> history(
            @PathParam("family") String family,
            @PathParam("version") String version,
            @QueryParam("hours") @DefaultValue("24") String hours) {
        int h;
        try {
            h = Integer.parseInt(hours.strip());
        } catch (NumberFormatException e) {
            h = -1;
        }
        if (h < 1 || h > 720) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "hours must be 1-720");
        }
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusHours(h);
        return pool.preparedQuery("SELECT date_trunc('hour', minute) AS hour, metric, sum(value) FROM telemetry_counts"
                        + " WHERE family = $1 AND version = $2 AND minute >= $3 GROUP BY 1, 2 ORDER BY 1, 2")
                .execute(Tuple.of(family, version, since))
                .map(rows -> {
                    Map<Instant, Map<String, Long>> byHour = new LinkedHashMap<>();
                    rows.forEach(
                            r -> byHour.computeIfAbsent(r.getOffsetDateTime(0).toInstant(), k -> new LinkedHashMap<>())
                                    .put(r.getString(1), r.getLong(2)));
                    List<Hour> out = new ArrayList<>();
                    byHour.forEach((hour, metrics) -> out.add(new Hour(hour, metrics)));
                    return out;
                });
    }
}
