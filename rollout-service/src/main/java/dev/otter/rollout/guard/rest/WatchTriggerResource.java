package dev.otter.rollout.guard.rest;

import dev.otter.contract.security.Roles;
import dev.otter.rollout.guard.api.GuardTriggerView;
import dev.otter.rollout.guard.service.GuardTriggerService;
import dev.otter.rollout.rollout.service.ReleaseWatchService;
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

/** The revert demands a release watch received from telemetry's guard. */
@Path("/api/v1/release-watches/{id}/guard-triggers")
@Tag(name = "Release watches")
@Produces(MediaType.APPLICATION_JSON)
public class WatchTriggerResource {
    private final ReleaseWatchService watches;
    private final GuardTriggerService triggers;

    public WatchTriggerResource(ReleaseWatchService watches, GuardTriggerService triggers) {
        this.watches = watches;
        this.triggers = triggers;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Revert demands received from telemetry's guard, their outcome and evidence")
    public Uni<List<GuardTriggerView>> list(@PathParam("id") String id) {
        return watches.get(id).chain(w -> triggers.listForWatch(id));
    }
}
