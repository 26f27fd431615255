package dev.otter.rollout.rollout.rest;

import dev.otter.contract.security.Roles;
import dev.otter.rollout.rollout.api.TesterGroupRequest;
import dev.otter.rollout.rollout.api.TesterGroupView;
import dev.otter.rollout.rollout.service.TesterGroupService;
import dev.otter.support.security.CurrentActor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Operator API: tester groups (install ids that get a rollout's target first). */
@Path("/api/v1/tester-groups")
@Tag(name = "Tester groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TesterGroupResource {
    private final TesterGroupService groups;
    private final CurrentActor actor;

    public TesterGroupResource(TesterGroupService groups, CurrentActor actor) {
        this.actor = actor;
        this.groups = groups;
    }

    @RolesAllowed(Roles.OPERATOR)
    @PUT
    @Path("/{name}")
    @Operation(summary = "Create or replace a tester group")
    public Uni<TesterGroupView> put(@PathParam("name") String name, @Valid @NotNull TesterGroupRequest request) {
        return groups.put(name, request, actor.name());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List tester groups")
    public Uni<List<TesterGroupView>> list() {
        return groups.list();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{name}")
    @Operation(summary = "Get a tester group")
    public Uni<TesterGroupView> get(@PathParam("name") String name) {
        return groups.get(name);
    }

    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a tester group that no active rollout uses")
    public Uni<RestResponse<Void>> delete(@PathParam("name") String name) {
        return groups.delete(name, actor.name()).map(v -> RestResponse.noContent());
    }
}
