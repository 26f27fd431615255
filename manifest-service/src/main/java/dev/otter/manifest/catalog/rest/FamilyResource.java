package dev.otter.manifest.catalog.rest;

import dev.otter.contract.security.Roles;
import dev.otter.manifest.catalog.api.CreateFamilyRequest;
import dev.otter.manifest.catalog.api.FamilyEventView;
import dev.otter.manifest.catalog.api.FamilyView;
import dev.otter.manifest.catalog.api.LegacyAccessRequest;
import dev.otter.manifest.catalog.service.CatalogService;
import dev.otter.support.security.CurrentActor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Publisher API: model families. */
@Path("/api/v1/families")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FamilyResource {
    private final CatalogService catalog;
    private final CurrentActor actor;

    public FamilyResource(CatalogService catalog, CurrentActor actor) {
        this.actor = actor;
        this.catalog = catalog;
    }

    @RolesAllowed(Roles.PUBLISHER)
    @POST
    @Operation(summary = "Register a model family")
    public Uni<RestResponse<FamilyView>> create(@Valid @NotNull CreateFamilyRequest request, UriInfo uri) {
        return catalog.createFamily(request, actor.name()).map(f -> RestResponse.ResponseBuilder.<FamilyView>created(
                        uri.getAbsolutePathBuilder().path(f.name()).build())
                .entity(f)
                .build());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List model families")
    public Uni<List<FamilyView>> list() {
        return catalog.listFamilies();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{family}")
    @Operation(summary = "Get a model family")
    public Uni<FamilyView> get(@PathParam("family") String family) {
        return catalog.getFamily(family);
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{family}/legacy-access")
    @Operation(
            summary = "Let the family's legacy (seed-format) endpoints answer clients without an app key, or stop it",
            description = "Off by default. Audited: the change, its actor and reason go to the family's history. "
                    + "Key-less requests are still rate-limited per client address and device id.")
    public Uni<FamilyView> legacyAccess(
            @PathParam("family") String family, @Valid @NotNull LegacyAccessRequest request) {
        return catalog.legacyAccess(family, request, actor.name());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{family}/history")
    @Operation(summary = "Who changed the family's settings, when and why")
    public Uni<List<FamilyEventView>> history(@PathParam("family") String family) {
        return catalog.familyHistory(family);
    }
}
