package dev.otter.rollout.rollout.rest;

import dev.otter.contract.security.Roles;
import dev.otter.rollout.rollout.api.NewestSeenView;
import dev.otter.rollout.rollout.api.ReleaseWatchView;
import dev.otter.rollout.rollout.service.ReleaseWatchService;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator API: versions watched after they reached devices without a rollout. */
@Path("/api/v1/release-watches")
@Tag(name = "Release watches")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseWatchResource {
    private final ReleaseWatchService watches;

    public ReleaseWatchResource(ReleaseWatchService watches) {
        this.watches = watches;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "A family's release watches, newest first")
    public Uni<List<ReleaseWatchView>> list(@QueryParam("family") String family) {
        if (family == null || family.isBlank()) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "family: the query parameter is required");
        }
        return watches.list(family);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/newest-seen")
    @Operation(
            summary =
                    "Each channel's newest published version as last seen (watched when it changes without a default)")
    public Uni<List<NewestSeenView>> newestSeen(@QueryParam("family") String family) {
        if (family == null || family.isBlank()) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "family: the query parameter is required");
        }
        return watches.newestSeen(family);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "One release watch")
    public Uni<ReleaseWatchView> get(@PathParam("id") String id) {
        return watches.get(id);
    }
}
