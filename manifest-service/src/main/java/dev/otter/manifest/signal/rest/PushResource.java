package dev.otter.manifest.signal.rest;

import dev.otter.contract.security.Roles;
import dev.otter.manifest.signal.SignalError;
import dev.otter.manifest.signal.api.PushDeliveryView;
import dev.otter.manifest.signal.service.PushDeliveries;
import dev.otter.support.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator API of the push-gateway webhook: deliveries by status (dead letters first of all) and retrying one. */
@Path("/api/v1/push/deliveries")
@Tag(name = "Push gateway")
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {
    private final PushDeliveries deliveries;

    public PushResource(PushDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Push signals by status (PENDING, DELIVERED, DEAD), newest first")
    public Uni<List<PushDeliveryView>> list(
            @QueryParam("status") @DefaultValue("DEAD") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return deliveries.list(status, limit);
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Send a dead-lettered signal again, with fresh tries")
    public Uni<Void> retry(@PathParam("id") String id) {
        return deliveries
                .retry(id)
                .invoke(retried -> {
                    if (!retried) {
                        throw new ApiException(SignalError.DELIVERY_NOT_FOUND, "no dead-lettered push signal " + id);
                    }
                })
                .replaceWithVoid();
    }
}
