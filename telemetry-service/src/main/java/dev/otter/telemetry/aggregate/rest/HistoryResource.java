package dev.otter.telemetry.aggregate.rest;

import dev.otter.contract.security.Roles;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.telemetry.aggregate.api.HourTotals;
import dev.otter.telemetry.aggregate.service.HistoryService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** History from the PostgreSQL roll-up: hourly totals of a model version, all rollouts included. */
@Path("/api/v1/telemetry/versions/{family}/{version}/history")
@Tag(name = "Health")
public class HistoryResource {
    private final HistoryService history;

    public HistoryResource(HistoryService history) {
        this.history = history;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hourly totals per metric over the last hours (1-720), from the roll-up")
    public Uni<List<HourTotals>> history(
            @PathParam("family") String family,
            @PathParam("version") String version,
            @QueryParam("hours") @DefaultValue("24") String hours) {
        return history.hourly(family, version, integer(hours));
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "hours must be 1-720");
        }
    }
}
