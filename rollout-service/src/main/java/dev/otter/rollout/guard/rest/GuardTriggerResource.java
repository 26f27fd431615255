package dev.otter.rollout.guard.rest;

import dev.otter.contract.security.Roles;
import dev.otter.rollout.guard.api.GuardTriggerView;
import dev.otter.rollout.guard.service.GuardTriggerService;
import dev.otter.rollout.rollout.service.RolloutService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rollback demands a rollout received from telemetry's guard. */
@Path("/api/v1/rollouts/{id}/guard-triggers")
@Tag(name = "Rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class GuardTriggerResource {
    private final RolloutService rollouts;
    private final GuardTriggerService triggers;

    public GuardTriggerResource(RolloutService rollouts, GuardTriggerService triggers) {
        this.rollouts = rollouts;
        this.triggers = triggers;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Rollback demands received from telemetry's guard, their outcome and evidence")
    public Uni<List<GuardTriggerView>> list(@PathParam("id") String id) {
        return rollouts.get(id).chain(r -> triggers.list(id));
    }
}
