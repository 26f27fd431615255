package dev.otter.telemetry.guard.rest;

import dev.otter.contract.security.Roles;
import dev.otter.telemetry.guard.api.RolloutHealthView;
import dev.otter.telemetry.guard.service.RolloutHealthService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An open release watch's health: its version against the one it replaced, for operators. */
@Path("/api/v1/telemetry/release-watches/{id}/health")
@Tag(name = "Health")
public class WatchHealthResource {
    private final RolloutHealthService health;

    public WatchHealthResource(RolloutHealthService health) {
        this.health = health;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An open release watch: its version against the one it replaced, every signal; verdict")
    public Uni<RolloutHealthView> health(@PathParam("id") String watchId) {
        return health.watchHealth(watchId);
    }
}
