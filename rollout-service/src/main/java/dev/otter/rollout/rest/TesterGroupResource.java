package dev.otter.rollout.rest;

import dev.otter.rollout.api.TesterGroupRequest;
import dev.otter.rollout.api.TesterGroupView;
import dev.otter.rollout.service.TesterGroupService;
import dev.otter.support.rest.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

    public TesterGroupResource(TesterGroupService groups) {
        this.groups = groups;
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Create or replace a tester group")
    public Uni<TesterGroupView> put(
            @PathParam("name") String name,
            @Valid @NotNull TesterGroupRequest request,
            @HeaderParam(Actor.HEADER) String actor) {
        return groups.put(name, request, Actor.from(actor));
    }

    @GET
    @Operation(summary = "List tester groups")
    public Uni<List<TesterGroupView>> list() {
        return groups.list();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Get a tester group")
    public Uni<TesterGroupView> get(@PathParam("name") String name) {
        return groups.get(name);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a tester group that no active rollout uses")
    public Uni<RestResponse<Void>> delete(@PathParam("name") String name, @HeaderParam(Actor.HEADER) String actor) {
        return groups.delete(name, Actor.from(actor)).map(v -> RestResponse.noContent());
    }
}
