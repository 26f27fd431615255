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

/** Rollout health over the guard's window, for operators and for rollout-service's automatic advance. */
@Path("/api/v1/telemetry/rollouts/{id}/health")
@Tag(name = "Health")
public class HealthResource {
    private final RolloutHealthService health;

    public HealthResource(RolloutHealthService health) {
        this.health = health;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per variant and region: sessions, crashes, crash rate and Wilson bounds; verdict")
    public Uni<RolloutHealthView> health(@PathParam("id") String rolloutId) {
        return health.health(rolloutId);
    }
}
